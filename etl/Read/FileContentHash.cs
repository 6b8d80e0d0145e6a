using System.IO.Hashing;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// The hash of a file's bytes that the batch's fingerprint is made of (<see cref="Pipeline.BatchFingerprint"/>): XxHash128 of
/// every byte, BOM included, as upper-case hex. Made by whichever read of a file sees all of its bytes anyway (its UTF-8
/// check, the marks' pass, the GIAS extract's decoding), so no file is read a second time only to be hashed.
/// </summary>
internal sealed class FileContentHash
{
    private readonly XxHash128 hash = new();

    public void Append(ReadOnlySpan<byte> bytes) => hash.Append(bytes);

    public string Finish() => Convert.ToHexString(hash.GetCurrentHash());

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(XxHash128.Hash(bytes));

    /// <summary>The file read for its hash alone (a file no pass of the reader read whole).</summary>
    public static string OfFile(string path)
    {
        var buffer = new byte[1 << 20];
        var hash = new FileContentHash();
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        int n;
        while ((n = s.Read(buffer)) > 0) hash.Append(buffer.AsSpan(0, n));
        return hash.Finish();
    }
}

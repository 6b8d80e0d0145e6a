using System.Security.Cryptography;

namespace AttendanceGraph.Etl.Pipeline;

/// <summary>
/// SHA-256 over the batch's file contents (in name order), so loading the very same files again is recognised
/// and changes nothing, whatever the files are called this time.
/// </summary>
public static class BatchFingerprint
{
    public static string Of(IEnumerable<string> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (var f in files.Order(StringComparer.Ordinal))
        {
            using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int n;
            while ((n = s.Read(buffer)) > 0) sha.AppendData(buffer, 0, n);
            sha.AppendData([0]);
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}

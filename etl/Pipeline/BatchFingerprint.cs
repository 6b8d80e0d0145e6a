using System.Security.Cryptography;

namespace AttendanceGraph.Etl.Pipeline;

/// <summary>
/// SHA-256 over the batch's file contents, so loading the very same files again is recognised and changes
/// nothing, whatever the files are called this time. Each file is hashed on its own and the sorted file
/// hashes are hashed together: the fingerprint depends on the set of contents, not on names or their order.
/// </summary>
public static class BatchFingerprint
{
    public static string Of(IEnumerable<string> files)
    {
        var buffer = new byte[1 << 20];
        var fileHashes = new List<string>();
        foreach (var f in files)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int n;
            while ((n = s.Read(buffer)) > 0) sha.AppendData(buffer, 0, n);
            fileHashes.Add(Convert.ToHexString(sha.GetHashAndReset()));
        }
        fileHashes.Sort(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(string.Join("\n", fileHashes))));
    }
}

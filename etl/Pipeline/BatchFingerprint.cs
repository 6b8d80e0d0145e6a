using System.Security.Cryptography;

namespace AttendanceGraph.Etl.Pipeline;

/// <summary>
/// SHA-256 over the batch's file contents, so loading the very same files again is recognised and changes
/// nothing, whatever the files are called this time. Each file is hashed on its own and the sorted hashes of
/// the files the batch is made of are hashed together: the fingerprint depends on the set of contents, not on
/// names or their order, and files the reader skipped (unrecognised, unreadable) do not count.
/// </summary>
public static class BatchFingerprint
{
    /// <summary>Each readable file's hash by full path; files that cannot be read are left out.</summary>
    public static IReadOnlyDictionary<string, string> HashEach(IEnumerable<string> files)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            try { hashes[Path.GetFullPath(f)] = HashFile(f); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return hashes;
    }

    /// <summary>The fingerprint of the given files, reusing hashes already computed where there are any.</summary>
    public static string Of(IEnumerable<string> files, IReadOnlyDictionary<string, string> hashed) =>
        Combine(files.Select(f => hashed.TryGetValue(Path.GetFullPath(f), out var h) ? h : HashFile(f)));

    private static string HashFile(string path)
    {
        var buffer = new byte[1 << 20];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        int n;
        while ((n = s.Read(buffer)) > 0) sha.AppendData(buffer, 0, n);
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static string Combine(IEnumerable<string> fileHashes)
    {
        var sorted = fileHashes.ToList();
        sorted.Sort(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(string.Join("\n", sorted))));
    }
}

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// The UTF-8 checks (<see cref="Utf8Chunks.Check"/>, each with the hash of the file's bytes the batch's fingerprint is
/// made of) of the files a batch reads row by row, made one file after another on a thread of their own in the order the
/// files will be read, so a file's check is done before its rows are reached. A check is a whole read of the file: about
/// a twentieth of reading a year of DfE files.
/// </summary>
internal sealed class Utf8ChecksAhead
{
    private readonly Dictionary<string, Task<((long Line, long Offset)? FirstInvalid, string? ContentHash)>> checks = new(StringComparer.Ordinal);

    public Utf8ChecksAhead(IEnumerable<string> paths)
    {
        var waiting = new List<(string Path, TaskCompletionSource<((long, long)?, string?)> Result)>();
        foreach (var path in paths)
        {
            if (checks.ContainsKey(path)) continue;
            var result = new TaskCompletionSource<((long, long)?, string?)>(TaskCreationOptions.RunContinuationsAsynchronously);
            checks[path] = result.Task;
            waiting.Add((path, result));
        }
        // An unreadable file's error is its reader's to raise, as it was before the check ran ahead.
        _ = Task.Run(() =>
        {
            foreach (var (path, result) in waiting)
            {
                try { result.SetResult(Utf8Chunks.Check(path)); }
                catch (Exception e) { result.SetException(e); }
            }
        });
    }

    /// <summary>The file's check: waited for when it is still running, made here for a file not given ahead.</summary>
    public (long Line, long Offset)? For(string path) => Result(path).FirstInvalid;

    /// <summary>The hash of a valid file's bytes, made by its check (<see cref="FileContentHash"/>); null for an invalid one.</summary>
    public string? ContentHashOf(string path) => Result(path).ContentHash;

    private ((long Line, long Offset)? FirstInvalid, string? ContentHash) Result(string path)
    {
        if (checks.TryGetValue(path, out var check)) return check.GetAwaiter().GetResult();
        lock (checks)
        {
            // A file not given ahead is checked once, on the thread that first asks (readers ask from their own threads).
            if (!late.TryGetValue(path, out var result)) late[path] = result = Utf8Chunks.Check(path);
            return result;
        }
    }

    private readonly Dictionary<string, ((long Line, long Offset)?, string?)> late = new(StringComparer.Ordinal);
}

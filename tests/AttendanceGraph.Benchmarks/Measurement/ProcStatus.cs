namespace AttendanceGraph.Benchmarks.Measurement;

/// <summary>Reads a KiB field (VmHWM, VmRSS) or a count (Threads) of /proc/PID/status; null where /proc is unavailable or the process is gone.</summary>
public static class ProcStatus
{
    public static long? ReadKiB(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return null;
    }
}

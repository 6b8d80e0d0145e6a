namespace AttendanceGraph.Etl.Validate;

/// <summary>Names of the rejects files a --skip-invalid load writes into the warehouse's rejects folder.</summary>
public static class RejectsFileName
{
    /// <summary>
    /// A name no other load can have: two loads in the same second once shared one rejects file and overwrote each
    /// other's rejects. The time keeps the folder in order; the process id and a random part make it unique.
    /// </summary>
    public static string NewPath(string rejectsDir) => Path.Combine(rejectsDir,
        $"rejects-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.csv");
}

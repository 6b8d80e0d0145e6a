namespace AttendanceGraph.Etl.Pipeline;

/// <summary>
/// What the ETL's exit code tells a scheduler. Documented in the usage text and the README; a script can rely on them.
/// </summary>
public static class ExitCodes
{
    /// <summary>Done as asked: for a load, every file given was read and either loaded or recognised as already loaded unchanged.</summary>
    public const int Success = 0;

    /// <summary>Some input was rejected (unreadable, missing, unrecognised, invalid rows) or nothing valid remained: nothing was published.</summary>
    public const int Rejected = 1;

    /// <summary>The command line was wrong; nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>The load failed for another reason (disk full, permission, damaged snapshot, …): nothing was published.</summary>
    public const int Failed = 3;

    /// <summary>With --skip-invalid: a batch was published (or was already loaded) but some files or rows were skipped.</summary>
    public const int LoadedWithSkips = 4;

    /// <summary>CURRENT is empty, unreadable, garbage or dangling, or snapshots exist without it: repair with `recover`.</summary>
    public const int WarehouseDamaged = 5;
}

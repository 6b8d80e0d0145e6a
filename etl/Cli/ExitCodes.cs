namespace AttendanceGraph.Etl.Cli;

/// <summary>The ETL's exit codes, for schedulers and scripts (README, The ETL).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int InvalidData = 1;
    public const int Usage = 2;
    public const int Failure = 3;

    /// <summary>CURRENT is empty, unreadable, garbage or dangling, or snapshots exist without it: repair with `recover`.</summary>
    public const int WarehouseDamaged = 4;
}

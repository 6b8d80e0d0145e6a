namespace AttendanceGraph.Etl.Cli;

/// <summary>
/// `--period-start yyyy-mm-dd --period-end yyyy-mm-dd`: the week that DfE pupil-level files without period columns
/// cover (DfE's own weekly downloads do not say). Both or neither; the span rules themselves are row rules
/// (<see cref="Validate.SessionTotalsRules"/>), so a bad span is reported against the file it was given with.
/// </summary>
public static class TotalsSpanOption
{
    public static (DateOnly Start, DateOnly End)? Read(CommandLine cl)
    {
        var start = cl.Date("period-start");
        var end = cl.Date("period-end");
        if (start is null && end is null) return null;
        if (start is null || end is null) throw new UsageException("--period-start and --period-end go together: give both or neither");
        if (end < start) throw new UsageException($"--period-end {end:yyyy-MM-dd} is before --period-start {start:yyyy-MM-dd}");
        return (start.Value, end.Value);
    }
}

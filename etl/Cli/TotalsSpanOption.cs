using System.CommandLine;

namespace AttendanceGraph.Etl.Cli;

/// <summary>
/// `--period-start yyyy-mm-dd --period-end yyyy-mm-dd`: the week that DfE pupil-level files without period columns
/// cover (DfE's own weekly downloads do not say). Both or neither; the span rules themselves are row rules
/// (<see cref="Validate.SessionTotalsRules"/>), so a bad span is reported against the file it was given with.
/// </summary>
internal sealed class TotalsSpanOption
{
    private readonly Option<DateOnly?> start = CliOptions.Date("--period-start",
        "The Monday of the school week a DfE pupil-level attendance file without period_start/period_end columns covers (with --period-end)");

    private readonly Option<DateOnly?> end = CliOptions.Date("--period-end",
        "The last day (Friday, Saturday or Sunday of the same week) that file covers (with --period-start)");

    public void AddTo(Command command)
    {
        command.Options.Add(start);
        command.Options.Add(end);
    }

    public (DateOnly Start, DateOnly End)? Read(ParseResult r)
    {
        var from = r.GetValue(start);
        var to = r.GetValue(end);
        if (from is null && to is null) return null;
        if (from is null || to is null) throw new UsageException("--period-start and --period-end go together: give both or neither");
        if (to < from) throw new UsageException($"--period-end {to:yyyy-MM-dd} is before --period-start {from:yyyy-MM-dd}");
        return (from.Value, to.Value);
    }
}

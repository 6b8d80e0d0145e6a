using System.CommandLine;
using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Cli;

/// <summary>`--as-of yyyy-mm-dd` (the day taken as today; default the machine's date) and `--future-days N`.</summary>
internal sealed class DateOptions
{
    private readonly Option<DateOnly?> asOf = CliOptions.Date("--as-of",
        $"The day taken as today by the date rules (default: the machine's date; {DateRules.EarliestSupportedYear} or later)");

    private readonly Option<int?> futureDays = CliOptions.Int("--future-days",
        $"How many days after today (or --as-of) a mark may be dated (default {DateRules.DefaultFutureDays})");

    public void AddTo(Command command)
    {
        command.Options.Add(asOf);
        command.Options.Add(futureDays);
    }

    public DateRules Read(ParseResult r, TimeProvider clock)
    {
        var day = r.GetValue(asOf);
        var days = r.GetValue(futureDays) ?? DateRules.DefaultFutureDays;
        if (days < 0) throw new UsageException($"--future-days must be 0 or more, got {days}");
        if (day < DateRules.EarliestSupportedYear.Start)
            throw new UsageException($"--as-of must be in {DateRules.EarliestSupportedYear} or later, got {day:yyyy-MM-dd}");
        return day is { } d ? new DateRules(d, days) : DateRules.FromClock(clock, days);
    }
}

using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Cli;

/// <summary>`--as-of yyyy-mm-dd` (the day taken as today; default the machine's date) and `--future-days N`.</summary>
public static class DateOptions
{
    public static DateRules Read(CommandLine cl, TimeProvider clock)
    {
        var asOf = cl.Date("as-of");
        var futureDays = cl.Int("future-days") ?? DateRules.DefaultFutureDays;
        if (futureDays < 0) throw new UsageException($"--future-days must be 0 or more, got {futureDays}");
        if (asOf < DateRules.EarliestSupportedYear.Start)
            throw new UsageException($"--as-of must be in {DateRules.EarliestSupportedYear} or later, got {asOf:yyyy-MM-dd}");
        return asOf is { } day ? new DateRules(day, futureDays) : DateRules.FromClock(clock, futureDays);
    }
}

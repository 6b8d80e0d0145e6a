using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Api.Common;

/// <summary>The one check every date argument passes before the calendar's arithmetic sees it (a period's dates, asOf, a pupil's marks range).</summary>
public static class DateArguments
{
    /// <summary>Refuses (BAD_PERIOD), naming the argument, a date outside <see cref="SupportedDates"/>.</summary>
    public static void RequireSupported(string argument, DateOnly? date)
    {
        if (date is { } d && SupportedDates.Refusal($"'{argument}'", d) is { } why) throw new PeriodException(why);
    }
}

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// Row rules of DfE pupil-level attendance files (session totals), apart from the reading of fields.
/// A span must be one whole school week because its totals become the enrolment's row of that week in the
/// aggregates: a span of several weeks cannot be split into weeks, and a part week would leave the rest of the
/// week to be answered from nothing. Weeks start on Monday (the aggregates' weeks); a span ends on the Friday,
/// or on the Saturday or Sunday for schools with weekend sessions.
/// </summary>
public static class SessionTotalsRules
{
    /// <summary>Why a span is not one whole school week, or null.</summary>
    public static string? SpanProblem(DateOnly start, DateOnly end)
    {
        if (end < start) return $"period ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})";
        if (start.DayOfWeek != DayOfWeek.Monday)
            return $"period starts on {start:yyyy-MM-dd}, a {start.DayOfWeek}: totals must cover whole school weeks, starting on a Monday";
        var days = end.DayNumber - start.DayNumber + 1;
        if (days > 7)
            return $"period {start:yyyy-MM-dd} to {end:yyyy-MM-dd} is {days} days: each row must cover one school week " +
                   "(its totals become that week's figures; several weeks cannot be split), so send one row per week";
        if (days < 5)
            return $"period {start:yyyy-MM-dd} to {end:yyyy-MM-dd} ends before the Friday: totals must cover whole school weeks";
        return null;
    }

    /// <summary>The most sessions a span can hold: two a day.</summary>
    public static int MaxSessions(DateOnly start, DateOnly end) => 2 * (end.DayNumber - start.DayNumber + 1);

    /// <summary>Why the totals do not add up, or null (DfE: possible = present + AEA + authorised + unauthorised).</summary>
    public static string? ArithmeticProblem(int possible, int present, int aea, int authorised, int unauthorised)
    {
        var sum = present + aea + authorised + unauthorised;
        return sum == possible ? null
            : $"possible_sessions {possible} is not present {present} + approved educational activity {aea} + " +
              $"authorised {authorised} + unauthorised {unauthorised} = {sum}";
    }

    /// <summary>DfE's sex values (male/female), and the M/F the pupils file uses; null when neither.</summary>
    public static string? Sex(string value) => value.Trim().ToUpperInvariant() switch
    {
        "M" or "MALE" => "M",
        "F" or "FEMALE" => "F",
        _ => null,
    };
}

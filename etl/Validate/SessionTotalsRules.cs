using AttendanceGraph.Etl.Model;

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

    /// <summary>The sex column: DfE's male/female or M/F, as M or F; a problem when neither.</summary>
    public static RowProblem? SexProblem(string value, out string sex)
    {
        sex = Sex(value) ?? "";
        return sex.Length > 0 ? null : new RowProblem("sex", RejectionReason.MissingValue, $"sex {LineExcerpt.Quote(value)} is neither male nor female");
    }

    /// <summary>A file without period columns, and no week given on the command line.</summary>
    public static RowProblem NoSpan(string column) => new(column, RejectionReason.MissingValue,
        "the file has no period_start and period_end columns: give the week it covers with --period-start and --period-end");

    /// <summary>The span a row covers: one whole school week (<see cref="SpanProblem"/>) whose days marks could have.</summary>
    public static RowProblem? Span(string column, DateOnly start, DateOnly end, DateRules dates) =>
        SpanProblem(start, end) is { } problem ? new RowProblem(column, RejectionReason.BadSpan, problem)
            : RowProblem.At(column, dates.SessionDayProblem("period start", start));

    /// <summary>The pupil must have been on roll at some point of the span.</summary>
    public static RowProblem? NotOnRoll(DateOnly start, DateOnly end, DateOnly admission, DateOnly? leaving) =>
        admission > end || leaving < start
            ? new RowProblem("admission_date", RejectionReason.DateOutsideEnrolment,
                $"the pupil was not on roll in the period {start:yyyy-MM-dd} to {end:yyyy-MM-dd} (admitted {admission:yyyy-MM-dd}" +
                (leaving is { } l ? $", left {l:yyyy-MM-dd})" : ")"))
            : null;

    /// <summary>A count of sessions must fit the span: 0 to two a day.</summary>
    public static RowProblem? CountProblem(string column, int value, int max) =>
        value >= 0 && value <= max ? null
            : new RowProblem(column, RejectionReason.BadNumber, $"{column} {value} is not a number of sessions in the week (0 to {max})");

    /// <summary>An absent_sessions column, when given, is authorised + unauthorised.</summary>
    public static RowProblem? AbsentProblem(string column, int absent, int authorised, int unauthorised) =>
        absent == authorised + unauthorised ? null
            : new RowProblem(column, RejectionReason.TotalsDoNotAddUp,
                $"absent_sessions {absent} is not authorised {authorised} + unauthorised {unauthorised} = {authorised + unauthorised}");

    /// <summary>DfE's sex values (male/female), and the M/F the pupils file uses, in any case; null when neither.</summary>
    public static string? Sex(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        return value.Equals("male", StringComparison.OrdinalIgnoreCase) || value.Equals("M", StringComparison.OrdinalIgnoreCase) ? "M"
            : value.Equals("female", StringComparison.OrdinalIgnoreCase) || value.Equals("F", StringComparison.OrdinalIgnoreCase) ? "F"
            : null;
    }
}

/// <summary>One row of totals per pupil, school and week in a batch.</summary>
public sealed class SessionTotalsRepeats
{
    /// <summary>
    /// Per week (its Monday's day number), the school each pupil's first row that week was at (0: none yet), by pupil number.
    /// A year of weekly files is ~4 million keys: a hash set of them was a fifth of reading the rows, arrays are a store each.
    /// </summary>
    private readonly Dictionary<int, int[]> firstSchool = [];

    /// <summary>The rarer rows of a pupil at a second school in the same week (a move), and a school numbered 0.</summary>
    private readonly HashSet<(int, int, int)> others = [];

    /// <summary>
    /// <paramref name="pupil"/> is a number from 0 up the caller gives each UPN (one per pupil within the batch). The UPN is
    /// left out of the message: the summary is printed, and the line number finds the row.
    /// </summary>
    public RowProblem? Repeated(int pupil, int urn, DateOnly start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pupil);
        var week = start.DayNumber;
        if (!firstSchool.TryGetValue(week, out var schools)) firstSchool[week] = schools = new int[Math.Max(1024, pupil + 1)];
        if (pupil >= schools.Length)
        {
            Array.Resize(ref schools, Math.Max(pupil + 1, schools.Length * 2));
            firstSchool[week] = schools;
        }
        ref var first = ref schools[pupil];
        bool added;
        if (first == 0 && urn != 0) (first, added) = (urn, true);
        else added = (first != urn || urn == 0) && others.Add((pupil, urn, week));
        return added ? null
            : new RowProblem("UPN", RejectionReason.DuplicateRow, $"the same pupil's totals at {urn} for the week of {start:yyyy-MM-dd} appear more than once in this batch");
    }
}

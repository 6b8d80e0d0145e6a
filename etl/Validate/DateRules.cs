using System.Runtime.CompilerServices;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// Which dates a batch may hold, decided once per batch from "today" so that the marks parser's check is one
/// unsigned comparison on a day number it has already parsed (38 million rows a year of an LA).
/// <list type="bullet">
/// <item>Marks: from 1 August 2006 (2006/07, the first year of the 2006 registration regulations, whose codes are
/// the oldest <c>legacy-codes-pre-2024.csv</c> maps) to today plus <see cref="FutureDays"/>: registers carry a few
/// codes entered ahead, such as <c>#</c> for a planned closure, but a mark further ahead is a typo and would
/// create an academic year that has not happened. A Saturday or Sunday only at a school that declared weekend
/// sessions (the check itself is in <see cref="MarksIndex"/>, which knows the schools).</item>
/// <item>Entry and cohort start dates: up to <see cref="AdmissionDays"/> ahead (or the marks' margin, if longer):
/// pupils are admitted in advance — next September's intake from national offer day in March/April, an in-year
/// move a few weeks ahead — but not years ahead.</item>
/// <item>Leaving and cohort end dates: not before 2006/07, or the whole record lies before any mark that can be
/// loaded. They may be any distance ahead (a planned leaving date, FSM protected until the end of a phase), and
/// an entry or start before 2006/07 is kept: a pupil admitted in 2004 was still on roll in 2006/07.</item>
/// <item>Dates of birth: not after today, and not before 1900.</item>
/// </list>
/// </summary>
public sealed class DateRules
{
    public const int DefaultFutureDays = 7;
    public const int AdmissionDays = 366;
    public static readonly AcademicYear EarliestSupportedYear = new(2006);

    private readonly int earliestDay = EarliestSupportedYear.Start.DayNumber;
    private readonly uint markDaySpan;
    private readonly int latestStartDay;

    public DateRules(DateOnly today, int futureDays = DefaultFutureDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(futureDays);
        if (today < EarliestSupportedYear.Start)
            throw new ArgumentOutOfRangeException(nameof(today), $"today ({today:yyyy-MM-dd}) is before {EarliestSupportedYear}, the earliest year that can be loaded");
        Today = today;
        FutureDays = futureDays;
        LatestMark = today.AddDays(futureDays);
        markDaySpan = (uint)(LatestMark.DayNumber - earliestDay);
        latestStartDay = today.DayNumber + Math.Max(futureDays, AdmissionDays);
    }

    /// <summary>Today by <paramref name="clock"/>'s local date (an LA's registers are kept in local time).</summary>
    public static DateRules FromClock(TimeProvider clock, int futureDays = DefaultFutureDays) =>
        new(DateOnly.FromDateTime(clock.GetLocalNow().DateTime), futureDays);

    public DateOnly Today { get; }
    public int FutureDays { get; }
    public DateOnly LatestMark { get; }

    /// <summary>The hot path: one unsigned comparison covers both bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MarkDayAllowed(int dayNumber) => (uint)(dayNumber - earliestDay) <= markDaySpan;

    /// <summary>Day number 0, 1 January of year 1, was a Monday, so days 5 and 6 of every 7 are the weekend.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWeekend(int dayNumber) => dayNumber % 7 >= 5;

    /// <summary>Why a mark's date is not allowed (error path only; <see cref="MarkDayAllowed"/> was false).</summary>
    public DateRejection MarkProblem(int dayNumber)
    {
        var date = DateOnly.FromDayNumber(dayNumber);
        return dayNumber < earliestDay
            ? TooEarly($"mark dated {date:yyyy-MM-dd}")
            : new DateRejection(RejectionReason.DateInFuture,
                $"mark dated {date:yyyy-MM-dd} is more than {FutureDays} days after today ({Today:yyyy-MM-dd}); " +
                $"only codes entered ahead, such as # planned closures, may be up to {FutureDays} days ahead (--future-days)");
    }

    /// <summary>
    /// A day of a totals span that a mark on it could not have (before 2006/07 or too far ahead), or null: totals
    /// are sessions, so they follow the marks' dates.
    /// </summary>
    public DateRejection? SessionDayProblem(string what, DateOnly date)
    {
        if (MarkDayAllowed(date.DayNumber)) return null;
        return date.DayNumber < earliestDay
            ? TooEarly($"{what} {date:yyyy-MM-dd}")
            : new DateRejection(RejectionReason.DateInFuture,
                $"{what} {date:yyyy-MM-dd} is more than {FutureDays} days after today ({Today:yyyy-MM-dd}): sessions not yet held cannot be counted (--future-days)");
    }

    /// <summary>An entry or cohort start date too far ahead, or null.</summary>
    public DateRejection? StartProblem(string what, DateOnly start) =>
        start.DayNumber <= latestStartDay
            ? null
            : new DateRejection(RejectionReason.DateInFuture,
                $"{what} {start:yyyy-MM-dd} is more than {latestStartDay - Today.DayNumber} days after today ({Today:yyyy-MM-dd}); " +
                "entries and starts are recorded ahead (next September's intake), but not by more than a year");

    /// <summary>A leaving or cohort end date before the earliest supported year, or null.</summary>
    public DateRejection? EndProblem(string what, DateOnly end) =>
        end.DayNumber >= earliestDay ? null : TooEarly($"{what} {end:yyyy-MM-dd}");

    /// <summary>The earliest date of birth taken: anything before is a typo (a pupil, or an adult learner, is not that old).</summary>
    public static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    /// <summary>A date of birth after today, or before <see cref="EarliestBirth"/>, or null.</summary>
    public DateRejection? BirthProblem(string what, DateOnly dob) =>
        dob > Today ? new DateRejection(RejectionReason.DateInFuture, $"{what} {dob:yyyy-MM-dd} is after today ({Today:yyyy-MM-dd})")
        : dob < EarliestBirth ? new DateRejection(RejectionReason.DateTooEarly, $"{what} {dob:yyyy-MM-dd} is before {EarliestBirth:yyyy-MM-dd}")
        : null;

    private static DateRejection TooEarly(string what) => new(RejectionReason.DateTooEarly,
        $"{what} is before {EarliestSupportedYear} (from {EarliestSupportedYear.Start:yyyy-MM-dd}), the earliest academic year loaded");
}

public readonly record struct DateRejection(RejectionReason Reason, string Detail);

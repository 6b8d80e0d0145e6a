using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Operational;

namespace AttendanceGraph.Api.Tsm;

/// <summary>
/// A pupil's last agreed action at a school's Targeting Support Meeting and how attendance at that school moved since:
/// sessions from the meeting date to the pack's period end (<see cref="SinceTo"/>) against the same number of calendar
/// days immediately before the meeting (<see cref="BeforeFrom"/> to the day before the meeting).
/// </summary>
public sealed record AgreedActionFollowUp(
    TsmPupilAction Action,
    DateOnly MeetingDate,
    DateOnly BeforeFrom,
    DateOnly SinceTo,
    long PossibleBefore,
    long AttendedBefore,
    long PossibleSince,
    long AttendedSince)
{
    public double? AttendanceRateBefore => MeasureValues.Percent(AttendedBefore, PossibleBefore);
    public double? AttendanceRateSince => MeasureValues.Percent(AttendedSince, PossibleSince);

    /// <summary>Since minus before, percentage points (null when either has no possible sessions).</summary>
    public double? AttendanceRateChange =>
        AttendanceRateSince is { } since && AttendanceRateBefore is { } before ? Math.Round(since - before, 4) : null;

    /// <summary>The first day of the comparison window: as many calendar days before the meeting as from the meeting to <paramref name="end"/>.</summary>
    public static DateOnly BeforeStart(DateOnly meeting, DateOnly end) => meeting.AddDays(-(end.DayNumber - meeting.DayNumber + 1));
}

using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>One week of one enrolment (weeks straddling a month end are summed back together).</summary>
public sealed record PupilWeek(int Urn, DateOnly WeekStart, MeasureValues Measures);

using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>One week of one enrolment, counting only the marks on the days in <paramref name="Served"/>.</summary>
public sealed record PupilWeek(int Urn, DateOnly WeekStart, MeasureValues Measures, IReadOnlyList<DateWindow> Served);

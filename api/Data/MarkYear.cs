using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Api.Data;

/// <summary>
/// One academic year of a snapshot's marks: its first and last mark, and its first possible session (null when
/// every mark is a code such as # or Y that is not one).
/// </summary>
public sealed record MarkYear(AcademicYear Year, DateOnly FirstMark, DateOnly LastMark, DateOnly? FirstPossibleSession);

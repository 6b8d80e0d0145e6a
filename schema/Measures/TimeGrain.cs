namespace AttendanceGraph.Schema.Measures;

public enum TimeGrain
{
    None,
    Week,
    Month,
    HalfTerm,
    Term,
    AcademicYear,
}

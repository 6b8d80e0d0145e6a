namespace AttendanceGraph.Schema.Calendar;

public enum PeriodKind
{
    AcademicYear,
    Term,
    HalfTerm,
    Month,
    Week,
    DateRange,
}

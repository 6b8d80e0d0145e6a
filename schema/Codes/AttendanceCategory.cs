namespace AttendanceGraph.Schema.Codes;

/// <summary>
/// The statistical category of a register code (DfE methodology). The warehouse's attendance_codes table names
/// each code's category; the aggregates count sessions per category (<c>c_*</c> columns).
/// </summary>
public enum AttendanceCategory : byte
{
    Present = 1,
    ApprovedEducationalActivity = 2,
    AuthorisedAbsence = 3,
    UnauthorisedAbsence = 4,
    NotCounted = 5,
    Administrative = 6,
}

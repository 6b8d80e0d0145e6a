namespace AttendanceGraph.Schema.Codes;

/// <summary>One register code in force from August 2024 (School Attendance (Pupil Registration) (England) Regulations 2024).</summary>
/// <param name="Id">Dense 1-based id stored in the warehouse instead of the code string.</param>
/// <param name="Column">SQL-safe column name of this code's session count in the aggregate tables.</param>
public sealed record AttendanceCode(
    byte Id,
    string Code,
    string Meaning,
    AttendanceCategory Category,
    bool IsPossibleSession,
    bool CountsForPenaltyNotice,
    string Column)
{
    public bool IsAttendance => Category is AttendanceCategory.Present or AttendanceCategory.ApprovedEducationalActivity;
    public bool IsAbsence => Category is AttendanceCategory.AuthorisedAbsence or AttendanceCategory.UnauthorisedAbsence;
}

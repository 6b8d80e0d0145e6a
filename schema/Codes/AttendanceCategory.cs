namespace AttendanceGraph.Schema.Codes;

/// <summary>
/// The statistical category of a register code (DfE methodology). Stored as a UTINYINT in the
/// warehouse so queries compare small integers, not code strings (see shared/notes/duckdb-measured.md).
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

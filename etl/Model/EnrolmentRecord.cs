namespace AttendanceGraph.Etl.Model;

/// <summary>One row of the pupils/enrolments file: a pupil on roll at a school from entry to leaving (null = on roll).</summary>
public sealed record EnrolmentRecord(
    string Upn,
    int SchoolUrn,
    DateOnly EntryDate,
    DateOnly? LeavingDate,
    DateOnly DateOfBirth,
    string Sex,
    string NcYear)
{
    public bool Covers(DateOnly date) => date >= EntryDate && (LeavingDate is null || date <= LeavingDate);
}

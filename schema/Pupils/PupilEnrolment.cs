namespace AttendanceGraph.Schema.Pupils;

/// <summary>A pupil's enrolment at a school.</summary>
public sealed record PupilEnrolment(int Urn, DateOnly EntryDate, DateOnly? LeavingDate, string NcYear)
{
    public bool IsOpenOn(DateOnly date) => EntryDate <= date && (LeavingDate is null || LeavingDate >= date);
}

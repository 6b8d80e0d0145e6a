namespace AttendanceGraph.Etl.Generate;

/// <summary>A pupil on roll at one school from entry to leaving (null = still on roll when the simulation ends).</summary>
public sealed class DemoEnrolment
{
    public required DemoPupil Pupil { get; init; }
    public required DemoSchool School { get; init; }
    public required DateOnly EntryDate { get; init; }
    public DateOnly? LeavingDate { get; set; }

    public bool OnRollAt(DateOnly d) => d >= EntryDate && (LeavingDate is null || d <= LeavingDate);
}

namespace AttendanceGraph.Etl.Generate;

/// <summary>What a generation run wrote, so callers (CLI, tests, demo scripts) can report and load it.</summary>
public sealed record GenerationResult(
    IReadOnlyList<string> Files,
    int Schools,
    int Pupils,
    int Enrolments,
    long Marks,
    int Memberships,
    TimeSpan Elapsed)
{
    public double MarksPerSecond => Elapsed.TotalSeconds > 0 ? Marks / Elapsed.TotalSeconds : 0;
}

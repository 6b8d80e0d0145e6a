using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Pipeline;

public sealed record LoadResult(
    int? BatchId,
    string? Snapshot,
    bool AlreadyLoaded,
    long Marks,
    long Schools,
    long Enrolments,
    long CohortMemberships,
    long Benchmarks,
    ValidationReport Report,
    TimeSpan Elapsed)
{
    /// <summary>The schools of the batch, for the operational store's directory.</summary>
    public IReadOnlyList<SchoolRecord> SchoolRecords { get; init; } = [];
}

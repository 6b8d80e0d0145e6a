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
    /// <summary>Rows of DfE pupil-level files (one pupil's week at one school) the batch loaded.</summary>
    public long SessionTotals { get; init; }

    /// <summary>The batch's schools of the LA the warehouse serves, for the operational store's directory.</summary>
    public IReadOnlyList<SchoolRecord> SchoolRecords { get; init; } = [];

    /// <summary>When <see cref="AlreadyLoaded"/>: rows the earlier load of these files skipped with --skip-invalid.</summary>
    public long EarlierRejected { get; init; }

    /// <summary>Some file or row given was not loaded (only possible with --skip-invalid): exit code 4, not 0.</summary>
    public bool SkippedInput => Report.HasErrors || EarlierRejected > 0;
}

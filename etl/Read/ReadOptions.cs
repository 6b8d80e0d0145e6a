using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Read;

/// <param name="LaCode">The DfE 3-digit code of the LA being loaded, when known (--la or the warehouse's record): schools
/// of other LAs are kept only when their row is sound, and never reject the batch. Null: every school row is checked.</param>
/// <param name="AllowLegacyCodes">Accept pre-2024 register codes, mapped to their 2024 successors on load.</param>
/// <param name="SkipInvalid">Keep valid rows and drop invalid ones (invalid rows are never returned either way;
/// with false the caller rejects the whole batch when <see cref="Validate.ValidationReport.HasErrors"/>).</param>
/// <param name="RejectsPath">When set, every rejected row is written to this CSV.</param>
/// <param name="Threads">Byte ranges (and threads, and sinks) each marks file is parsed in; also the threads DfE files are
/// parsed ahead on (at most two; with one they are read row by row on the calling thread).</param>
public sealed record ReadOptions(
    int? LaCode = null,
    bool AllowLegacyCodes = false,
    bool SkipInvalid = false,
    string? RejectsPath = null,
    int Threads = 2)
{
    /// <summary>Which mark, enrolment and cohort dates are allowed: by default today's rules by the system clock.</summary>
    public DateRules Dates { get; init; } = DateRules.FromClock(TimeProvider.System);

    /// <summary>
    /// The span of DfE pupil-level files without period_start/period_end columns (--period-start/--period-end):
    /// DfE's own weekly downloads do not say which week they cover.
    /// </summary>
    public (DateOnly Start, DateOnly End)? TotalsSpan { get; init; }

    /// <summary>
    /// Called by a DfE reader thread (<see cref="ReadOptions.Threads"/> 2) with a file's path and its rows read so far, each
    /// time it has parsed a full batch of them and before handing it over; tests throw from it to prove a reader's failure
    /// reaches the load, and nothing is left waiting. Never set in production code.
    /// </summary>
    public Action<string, long>? TotalsBatchParsed { get; init; }
}

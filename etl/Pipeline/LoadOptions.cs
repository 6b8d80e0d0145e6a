using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Pipeline;

public sealed record LoadOptions(
    int? LaCode = null,
    bool AllowLegacyCodes = false,
    bool SkipInvalid = false,
    bool Force = false,
    int Threads = 2,
    string MemoryLimit = "1GB")
{
    /// <summary>Which mark, enrolment and cohort dates are allowed: today's rules by the system clock unless set
    /// (`--as-of`, `--future-days`; tests and back-loads fix the day).</summary>
    public DateRules Dates { get; init; } = DateRules.FromClock(TimeProvider.System);

    /// <summary>The week DfE pupil-level files without period columns cover (--period-start/--period-end).</summary>
    public (DateOnly Start, DateOnly End)? TotalsSpan { get; init; }

    /// <summary>
    /// Called at each named step of a load; tests throw from it to prove a failure at that point leaves the
    /// warehouse unchanged. Never set in production code.
    /// </summary>
    public Action<string>? StepReached { get; init; }

    /// <summary>
    /// Load only into a warehouse with no snapshot, checked under the writer lock: the demo generated for an empty
    /// folder must not land on a batch the ETL published there while it was being generated.
    /// </summary>
    public bool OnlyIntoEmptyWarehouse { get; init; }

    /// <summary>
    /// Called once the writer lock is held, before anything else: while it is held no other load runs, so this is
    /// where the CLI closes the run-log rows of loads that were killed.
    /// </summary>
    public Action? WriterLockTaken { get; init; }

    /// <summary>
    /// Marks read so far and the batch's marks rows (known once its files are read), reported about every 65,536
    /// marks, one call at a time: the CLI's progress bar. The text progress keeps its line every 2 s whatever this is.
    /// </summary>
    public Action<long, long>? MarksRead { get; init; }
}

using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// A read and validated batch: the small inputs in memory (valid rows only), the marks files ready to be
/// streamed, and the validation report. Built by <see cref="BatchReader.Read"/>.
/// </summary>
public sealed class ReadBatch
{
    private readonly IReadOnlyList<MarksFile> marksFiles;
    private readonly ReadOptions options;
    private readonly ExistingWarehouseState existing;

    internal ReadBatch(IReadOnlyList<InputFile> files, SmallFileReaders readers, IReadOnlyList<MarksFile> marksFiles,
        ReadOptions options, ExistingWarehouseState existing, ValidationReport report)
    {
        Files = files;
        Schools = readers.Schools;
        Enrolments = readers.Enrolments;
        CohortMemberships = readers.CohortMemberships;
        CohortDefinitions = readers.CohortDefinitions;
        Benchmarks = readers.Benchmarks;
        InYearBenchmarks = readers.InYearBenchmarks;
        sessionTotals = readers.SessionTotals;
        NewPupilIds = readers.NewPupilIds;
        Characteristics = readers.Characteristics;
        LearnedSchools = readers.LearnedSchools;
        SchoolLaUkprns = readers.SchoolLaUkprns;
        this.marksFiles = marksFiles;
        this.options = options;
        this.existing = existing;
        Report = report;
        var hashes = new Dictionary<string, string>(readers.ContentHashes, StringComparer.Ordinal);
        foreach (var m in marksFiles)
            if (m.ContentHash is { } h) hashes[Path.GetFullPath(m.Path)] = h;
        ContentHashes = hashes;
    }

    /// <summary>
    /// The hash of each file read into the batch (<see cref="FileContentHash"/>), by full path, made as the file was read:
    /// what the batch's fingerprint is made of.
    /// </summary>
    public IReadOnlyDictionary<string, string> ContentHashes { get; }

    public IReadOnlyList<InputFile> Files { get; }
    public IReadOnlyList<SchoolRecord> Schools { get; }
    public IReadOnlyList<EnrolmentRecord> Enrolments { get; }
    public IReadOnlyList<CohortMembershipRecord> CohortMemberships { get; }
    /// <summary>The LA's own cohorts declared in this batch (keys in capitals).</summary>
    public IReadOnlyList<CohortDefinitionRecord> CohortDefinitions { get; }
    public IReadOnlyList<BenchmarkRecord> Benchmarks { get; }
    /// <summary>Valid in-year published figures (weeks, terms, years to date) of national, regional and LA level.</summary>
    public IReadOnlyList<InYearBenchmarkRecord> InYearBenchmarks { get; }
    /// <summary>Valid rows of DfE pupil-level attendance files: one pupil's totals at one school for one week.</summary>
    public IReadOnlyList<SessionTotalsRecord> SessionTotals => sessionTotals;

    private readonly List<SessionTotalsRecord> sessionTotals;

    /// <summary>Empties <see cref="SessionTotals"/> and frees its memory: for the loader, once the rows are staged.</summary>
    public void ReleaseSessionTotals()
    {
        sessionTotals.Clear();
        sessionTotals.TrimExcess();
    }
    /// <summary>UPNs first seen in this batch (enrolments, then cohort memberships) → ids from existing.NextPupilId upward, in file order.</summary>
    public IReadOnlyDictionary<string, int> NewPupilIds { get; }
    /// <summary>Pupils' characteristics by UPN, from the pupils files' and DfE files' optional columns (latest row wins).</summary>
    public IReadOnlyDictionary<string, PupilCharacteristicsRecord> Characteristics { get; }
    /// <summary>Other LAs' schools described by DfE resident-pupil rows (no schools file named them).</summary>
    public IReadOnlyList<LearnedSchoolRecord> LearnedSchools { get; }
    /// <summary>The UKPRN of each school's LA as DfE rows gave it.</summary>
    public IReadOnlyDictionary<int, string> SchoolLaUkprns { get; }
    public ValidationReport Report { get; }

    /// <summary>The marks files of this batch (header recognised, valid UTF-8).</summary>
    public IReadOnlyList<MarksFile> MarksFiles => marksFiles;

    /// <summary>Marks rows in the batch (known after <see cref="BatchReader.Read"/>, for progress bars).</summary>
    public long MarksRows => marksFiles.Sum(f => f.Rows);

    /// <summary>The warehouse's weekend-session schools as this batch's schools file leaves them.</summary>
    private HashSet<int> WeekendSessionSchools()
    {
        var schools = existing.WeekendSessionSchools.ToHashSet();
        foreach (var s in Schools)
        {
            if (s.WeekendSessions == true) schools.Add(s.Urn);
            else if (s.WeekendSessions == false) schools.Remove(s.Urn);
        }
        return schools;
    }

    /// <summary>
    /// Streams every marks file through parsing and validation into sinks: each file is split into
    /// <see cref="ReadOptions.Threads"/> byte ranges at line boundaries, range i parsed by worker thread i
    /// into the sink the factory created for it. Invalid marks go to the report, never to a sink, with one
    /// exception: the first mark of a session another line marks differently reached a sink before the conflict
    /// was known, and is listed in <see cref="WithdrawnMarks"/> for the caller to remove. Each call validates
    /// afresh (repeat detection starts empty). Returns the number of accepted marks, withdrawn ones left out.
    /// </summary>
    public long StreamMarks(Func<IMarkSink> sinkFactory, IProgress<long>? marksRead = null, CancellationToken ct = default) =>
        StreamMarks(sinkFactory, out _, marksRead, ct);

    /// <summary>
    /// <see cref="StreamMarks(Func{IMarkSink}, IProgress{long}?, CancellationToken)"/>, also handing back the
    /// registers the accepted marks were recorded in (every enrolment's code per session).
    /// </summary>
    internal long StreamMarks(Func<IMarkSink> sinkFactory, out MarksIndex registers, IProgress<long>? marksRead = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sinkFactory);
        if (marksFiles.Count == 0)
        {
            registers = MarksIndex.Empty;
            return 0;
        }
        var index = registers = MarksIndex.Build(Enrolments, NewPupilIds, existing);
        index.Dates = options.Dates;
        index.WeekendSessionSchools = WeekendSessionSchools();
        var codes = new CodeTable(options.AllowLegacyCodes);
        var progress = new SharedProgress(marksRead);
        var threads = options.Threads;
        var ranges = marksFiles.Select(f => f.SplitRanges(threads)).ToArray();
        var conflicts = new MarkConflicts();
        var workers = new MarksWorker[threads];
        for (var i = 0; i < threads; i++)
            workers[i] = new MarksWorker(index, codes, Report, sinkFactory(), options.AllowLegacyCodes, progress, conflicts);
        WithdrawnMarks = [];
        try
        {
            RunWorkers(workers, ranges, ct);
            ResolveRepeats(conflicts, index, codes, ranges, ct);
        }
        finally { Report.Flush(); }
        return workers.Sum(w => w.Accepted) - WithdrawnMarks.Count;
    }

    private void ResolveRepeats(MarkConflicts conflicts, MarksIndex index, CodeTable codes,
        IReadOnlyList<(long Start, long End)>[] ranges, CancellationToken ct)
    {
        var threads = ranges[0].Count;
        if (!conflicts.IsEmpty && !conflicts.Overflowed)
        {
            // Second pass, only when some session was marked twice: rows were reported by the first pass, so this
            // one reports to a scratch report and feeds no sink; it only finds where each repeated session is.
            var scratch = new ValidationReport();
            var locators = new MarksWorker[threads];
            for (var i = 0; i < threads; i++)
                locators[i] = new MarksWorker(index, codes, scratch, NoSink.Instance, options.AllowLegacyCodes, new SharedProgress(null), conflicts, locating: true);
            RunWorkers(locators, ranges, ct);
            WithdrawnMarks = conflicts.Resolve(Report);
        }
        RepeatsUnresolved = conflicts.Overflowed;
        if (RepeatsUnresolved)
            Report.Add(new Rejection(marksFiles[0].Path, 0, "", RejectionReason.ConflictingMarks,
                $"more than {MarkConflicts.MaxSessions:N0} sessions are marked more than once in this batch (is a file given twice?); " +
                "the batch cannot be loaded", ""));
    }

    /// <summary>
    /// Marks the sinks received but must not keep, after <see cref="StreamMarks(Func{IMarkSink}, IProgress{long}?, CancellationToken)"/>:
    /// sessions marked with different codes in this batch (see <see cref="MarkConflicts"/>). Whoever stores what the
    /// sinks received removes these; the count returned by StreamMarks already leaves them out.
    /// </summary>
    public IReadOnlyList<WithdrawnMark> WithdrawnMarks { get; private set; } = [];

    /// <summary>Too many repeated sessions to resolve: the batch must be rejected even with SkipInvalid.</summary>
    public bool RepeatsUnresolved { get; private set; }

    /// <summary>Range i of every marks file, in the order given, on worker thread i.</summary>
    private void RunWorkers(MarksWorker[] workers, IReadOnlyList<(long Start, long End)>[] ranges, CancellationToken ct)
    {
        var errors = new Exception?[workers.Length];
        var running = new Thread[workers.Length];
        for (var t = 0; t < workers.Length; t++)
        {
            var me = t;
            running[t] = new Thread(() =>
            {
                try
                {
                    for (var f = 0; f < marksFiles.Count; f++)
                        workers[me].Parse(marksFiles[f], f, ranges[f][me].Start, ranges[f][me].End, ct);
                }
                catch (Exception e) { errors[me] = e; }
            }) { IsBackground = true, Name = $"marks-parser-{me}" };
            running[t].Start();
        }
        foreach (var th in running) th.Join();
        ct.ThrowIfCancellationRequested();
        var failures = errors.OfType<Exception>().ToList();
        if (failures.Count == 1) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failures[0]);
        if (failures.Count > 1) throw new AggregateException(failures);
    }

    private sealed class NoSink : IMarkSink
    {
        public static readonly NoSink Instance = new();
        public void Add(int urn, int pupilId, DateOnly date, byte session, byte codeId) { }
    }
}

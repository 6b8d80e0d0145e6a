using System.Diagnostics;
using DuckDB.NET.Data;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Publish;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Pipeline;

/// <summary>
/// One batch: read → validate → stage → publish. Everything happens in a new snapshot that readers cannot see;
/// only a complete, valid batch is published (by switching the CURRENT pointer), so a bad file, an exception
/// or a killed process leaves the warehouse exactly as it was.
/// </summary>
public sealed class BatchLoader(WarehousePaths paths, IProgress<string>? progress = null)
{
    public LoadResult Load(IReadOnlyList<string> inputs, LoadOptions options, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        using var writerLock = WriterLock.Acquire(paths, TimeSpan.FromMinutes(5));
        options.WriterLockTaken?.Invoke();
        using var snapshot = SnapshotBuilder.Begin(paths, options.MemoryLimit, options.OnlyIntoEmptyWarehouse);
        var c = snapshot.Connection;
        options.StepReached?.Invoke("begun");
        var step = Stopwatch.StartNew();
        void Done(string what)
        {
            progress?.Report($"{what} ({step.Elapsed.TotalSeconds:N1} s)");
            step.Restart();
        }

        var existing = ExistingStateLoader.Load(c);
        var knownLa = LaScope.Known(options.LaCode, existing);
        var batch = BatchReader.Read(inputs, new ReadOptions(knownLa, options.AllowLegacyCodes, options.SkipInvalid,
            options.SkipInvalid ? RejectsPath() : null, options.Threads) { Dates = options.Dates, TotalsSpan = options.TotalsSpan }, existing);
        // Made of the files the reader accepted into the batch, from the hashes it made as it read each file whole.
        var fingerprint = BatchFingerprint.Of(batch.Files.Select(f => f.Path), batch.ContentHashes);
        // Decided before anything is written, and whatever --skip-invalid says: a load that cannot tell which LA it serves stops.
        var servedLa = LaScope.Decide(knownLa, existing, batch.Schools);
        Done($"read and checked {batch.Files.Count} files");
        // Errors win over "already loaded": the fingerprint only covers the files the reader accepted, so a
        // batch of {a file loaded before, a file that cannot be read} looked like a repeat and exited 0. A batch
        // that will be rejected still streams its marks, so the rejection lists the marks' errors too.
        var rejecting = batch.Report.HasErrors && !options.SkipInvalid;
        var earlier = rejecting ? null : c.Scalar<int?>("SELECT min(batch_id) FROM batches WHERE content_hash = $h", ("h", fingerprint));
        if (earlier is not null && !options.Force)
        {
            var earlierRejected = c.Scalar<long>("SELECT rejected FROM batches WHERE batch_id = $id", ("id", earlier));
            progress?.Report($"these files were already loaded as batch {earlier}; nothing changed");
            return new LoadResult(earlier, snapshot.Parent, true, 0, 0, 0, 0, 0, batch.Report, clock.Elapsed)
                { EarlierRejected = earlierRejected };
        }

        var batchId = snapshot.NextBatchId();
        var totals = batch.SessionTotals.Count;
        if (existing.ServedLaCode is null && servedLa is { } la) ServedLocalAuthority.Record(c, la);
        StagingTables.Create(c);
        // Only a batch with marks, or the first batch of DfE totals into a warehouse with neither marks nor totals, takes the
        // first-load path: it rebuilds every aggregate row, which for a weekly DfE file into a warehouse of totals alone (no
        // marks) would redo a year of weeks to add one (measured 6.6 s of 11.5). A first year of DfE files has nothing to
        // merge with: its totals' aggregates are counted in one pass rather than as ~4 million dirty enrolment-weeks.
        var direct = MarkMerge.CanAppendDirectly(c) && (batch.MarksRows > 0 || batch.SessionTotals.Count > 0 && !SessionTotalsStager.Any(c));
        var marksTable = direct ? "marks" : StagingTables.Marks;
        var totalsAlone = direct && IsTotalsAlone(batch);
        // The schools, pupils, enrolments, cohorts and benchmarks are staged beside the marks, on a connection of their own:
        // alone they kept one core of two busy for about a second of a 38 M-mark load. A rejected or failed batch waits for
        // them (they write into the working snapshot its disposal deletes) and throws them away with it.
        var dimensionsClock = Stopwatch.StartNew();
        var dimensions = Task.Run(() =>
        {
            using var dc = snapshot.OpenAnotherConnection();
            StageDimensions(dc, batch, batchId, existing, servedLa, ct);
            return dimensionsClock.Elapsed;
        }, ct);
        long marks;
        MarksIndex registers;
        SessionTotalsAppendBeside? totalsAppend = null;
        var rollupBuilt = false;
        try
        {
            marks = StreamMarks(snapshot, batch, batchId, marksTable, options.MarksRead, out registers, ct);
            MarkWithdrawal.Apply(c, marksTable, batchId, batch.WithdrawnMarks);
            options.StepReached?.Invoke("marks-appended");
            // A batch of DfE files alone has no marks: its line would read "0 marks".
            if (batch.MarksRows > 0) Done($"validated and staged {marks:N0} marks");

            var rejected = batch.Report.HasErrors && !options.SkipInvalid || batch.RepeatsUnresolved;
            if (rejected) throw new BatchRejectedException(batch.Report);
            if (batch.Report.HasErrors && NothingValid(batch, marks)) throw new BatchRejectedException(batch.Report, BatchRejectedException.NothingValid);
            if (totalsAlone) totalsAppend = SessionTotalsAppendBeside.Start(snapshot, batch, batchId, options.StepReached, ct);
            var dimensionsTook = dimensions.GetAwaiter().GetResult();
            options.StepReached?.Invoke("dimensions-staged");
            const string staged = "staged schools, pupils, enrolments, cohorts (and their reference rows) and benchmarks";
            progress?.Report(batch.MarksRows > 0 || totalsAlone
                ? $"{staged} beside the {(totalsAlone ? "session totals" : "marks")} (took {dimensionsTook.TotalSeconds:N1} s, waited {step.Elapsed.TotalSeconds:N1} s)"
                : $"{staged} ({step.Elapsed.TotalSeconds:N1} s)");
            step.Restart();
            if (direct) rollupBuilt = CountFromRegisters(snapshot, batch, batchId, registers, totalsAppend, Done, options.StepReached, ct);
        }
        // Whatever fails while the dimensions or the totals are still being written into the working snapshot waits for them:
        // its disposal deletes the file under them.
        catch (Exception failure) when (!dimensions.IsCompleted || dimensions.IsFaulted || totalsAppend?.NeedsWaitingFor == true)
        {
            if (Beside(Task.WhenAll(dimensions, totalsAppend?.Appending ?? Task.CompletedTask), failure) is var reported && reported != failure) throw reported;
            throw;
        }
        registers = null!; // a byte per session of every enrolment: free it before the checkpoint
        if (!direct)
        {
            MarkMerge.MergeStaged(c);
            SessionTotalsStager.Merge(c, batch.SessionTotals, batchId);
            Done("merged marks and session totals");
            AggregateRefresh.Run(c);
            Done("refreshed aggregates");
        }
        // Only a rollup still to be built with SQL needs the memory back (a first load of totals alone summed it already).
        var large = totals >= ReleaseTotalsFrom && !rollupBuilt;
        if (large) ReleaseTotals(c, batch);
        SessionTotalsStager.RebuildSpans(c);
        if (!rollupBuilt)
        {
            RollupRewrite? rewritten;
            using (large ? DuckDbMemoryLimit.AtMost(c, LargeRollupMemoryLimit, options.MemoryLimit) : null)
                rewritten = RollupRefresh.Run(c, firstLoad: direct, batchId);
            Done("refreshed school rollup");
            if (PeerPositionsRefresh.Run(c, snapshot.OpenAnotherConnection, rewritten) > 0) Done("ranked the schools among their phase's");
        }
        if (!direct)
        {
            SchoolOpenDays.Refresh(c, everyDay: false);
            Done("refreshed open days");
        }
        options.StepReached?.Invoke("aggregates-refreshed");

        BatchCoverage.Record(c, batchId);
        c.Execute("""
            INSERT INTO batches VALUES ($id, now()::TIMESTAMP, $files, $hash, $schools, $enrolments, $marks, $cohorts, $benchmarks, $rejected)
            """,
            ("id", batchId), ("files", string.Join("; ", batch.Files.Select(f => Path.GetFileName(f.Path)))), ("hash", fingerprint),
            ("schools", (long)(batch.Schools.Count + batch.LearnedSchools.Count)), ("enrolments", (long)batch.Enrolments.Count), ("marks", marks),
            ("cohorts", (long)batch.CohortMemberships.Count), ("benchmarks", (long)(batch.Benchmarks.Count + batch.InYearBenchmarks.Count)),
            ("rejected", batch.Report.TotalRejected));
        StagingTables.Drop(c);
        options.StepReached?.Invoke("before-publish");
        var name = snapshot.Publish(batchId);
        Done("checkpointed and published");
        progress?.Report($"published batch {batchId} as {name}");
        // Schools learned from DfE resident-pupil rows are schools this batch added, as a GIAS row's would be.
        return new LoadResult(batchId, name, false, marks, batch.Schools.Count + batch.LearnedSchools.Count, batch.Enrolments.Count,
            batch.CohortMemberships.Count, batch.Benchmarks.Count + batch.InYearBenchmarks.Count, batch.Report, clock.Elapsed)
            { SchoolRecords = batch.Schools.Where(s => servedLa is null || s.LaCode == servedLa).ToList(), SessionTotals = totals };
    }

    /// <summary>
    /// The aggregates, the school rollup (when no enrolment has both registers and DfE totals) and the schools' open days of
    /// marks that went straight into an empty warehouse: nothing to merge, so they are counted from the registers validation
    /// built rather than from the marks again. Beside the rollup's write, the schools' positions among their phase are
    /// ranked from its cells and written (<see cref="PeerPositionsRefresh.RankAndWriteBeside"/>). Returns whether the
    /// rollup was written.
    /// </summary>
    /// <param name="totalsAppend">
    /// The batch is DfE totals without marks (<see cref="IsTotalsAlone"/>), being appended beside this: counted like
    /// registers, and waited for once counted. Null for any other batch.
    /// </param>
    private static bool CountFromRegisters(SnapshotBuilder snapshot, ReadBatch batch, int batchId, MarksIndex registers,
        SessionTotalsAppendBeside? totalsAppend, Action<string> done, Action<string>? stepReached, CancellationToken ct)
    {
        var c = snapshot.Connection;
        var totalsCounted = totalsAppend is not null;
        // Totals not counted with the aggregates are added with SQL below, which lets registers win over totals.
        var rollup = FirstLoadAggregates.Build(snapshot, registers, totalsCounted ? batch.SessionTotals : [],
            FirstLoadRollup.YearsToSum(c, registers, batch.SessionTotals, totalsCounted), ct);
        totalsAppend?.Wait();
        var counted = totalsCounted ? "counted aggregates of the session totals" : "counted aggregates";
        var summed = rollup is not null ? $"{counted} and summed the school rollup's units" : counted;
        done(totalsCounted ? $"{summed}, beside appending the totals" : summed);
        // The schools' open days from the registers, on a connection of their own beside the totals' merge and the rollup's
        // write (0.1 s of one core). Awaited before anything could checkpoint, which another connection's open write would fail.
        var openDays = Task.Run(() =>
        {
            using var oc = snapshot.OpenAnotherConnection();
            FirstLoadOpenDays.Write(oc, registers);
        }, ct);
        Task<long>? positions = null;
        try
        {
            // The build starts the aggregates afresh from the registers; weeks known only as totals go back in.
            if (!totalsCounted)
            {
                SessionTotalsStager.Merge(c, batch.SessionTotals, batchId, aggregatesRebuilt: true);
                SessionTotalsStager.AddAllTotalsAggregates(c);
                done("merged session totals into the aggregates");
            }
            if (rollup is not null)
            {
                if (!totalsCounted) rollup.AddTotalsOnlyEnrolments(c);
                rollup.Sort();
                // The schools' positions among their phase, ranked from the rollup's cells and written beside its two appends
                // (which leave about half a core idle).
                positions = PeerPositionsRefresh.RankAndWriteBeside(c, snapshot.OpenAnotherConnection, rollup.SchoolCells(PeerPositionsRefresh.Phases(c)));
                rollup.Write(snapshot, batchId);
                done("wrote school rollup");
                stepReached?.Invoke("rollup-written");
                var ranked = positions.GetAwaiter().GetResult();
                PeerPositionsRefresh.RecordRanked(c);
                done($"ranked the schools among their phase's beside it: {ranked:N0} positions");
            }
            openDays.GetAwaiter().GetResult();
        }
        catch (Exception failure)
        {
            if (Beside(Task.WhenAll(openDays, positions ?? Task.CompletedTask), failure) is var reported && reported != failure) throw reported;
            throw;
        }
        done("wrote the schools' open days beside them");
        return rollup is not null;
    }

    /// <summary>The batch's schools, pupils, enrolments, characteristics, cohorts and benchmarks, merged into the working snapshot.</summary>
    private static void StageDimensions(DuckDBConnection c, ReadBatch batch, int batchId, ExistingWarehouseState existing, int? servedLa,
        CancellationToken ct)
    {
        var pupilIds = new Dictionary<string, int>(existing.PupilIdsByUpn, StringComparer.Ordinal);
        foreach (var (upn, id) in batch.NewPupilIds) pupilIds[upn] = id;
        var dimensions = new DimensionStager(c, batchId);
        dimensions.Schools(batch.Schools);
        dimensions.SchoolsFromDfeRows(batch.LearnedSchools, batch.SchoolLaUkprns);
        dimensions.PupilsAndEnrolments(batch.Enrolments, pupilIds);
        dimensions.Characteristics(batch.Characteristics, pupilIds, servedLa);
        dimensions.CohortDefinitions(batch.CohortDefinitions);
        dimensions.CohortMemberships(batch.CohortMemberships);
        ct.ThrowIfCancellationRequested();
        // The intervals follow memberships, pupils and reporting cohorts, which a daily marks file leaves alone (rewriting
        // them anyway was 0.15 s of each daily load at 100,000 pupils), and the definition, which a release may change.
        if (CohortReference.Rewrite(c) || batch.CohortMemberships.Count > 0 || batch.NewPupilIds.Count > 0 || !CohortIntervals.IsCurrent(c))
            c.ExecuteAll(CohortIntervals.RewriteSql);
        // A new warehouse starts with the shipped national figures, so benchmarks work before any EES file is loaded.
        var noBenchmarksYet = c.Scalar<long>("SELECT count(*) FROM benchmarks") == 0;
        dimensions.Benchmarks(batch.Benchmarks.Count == 0 && noBenchmarksYet ? DefaultBenchmarks.Read() : batch.Benchmarks);
        // The shipped in-year figures are rewritten with every load; an in-year file in the batch replaces them figure by figure.
        dimensions.InYearBenchmarks(DefaultBenchmarks.ReadInYear(), batch.InYearBenchmarks);
        // New pupils' record keys (disclosure control), which the school rollup's key sums read: drawn here rather than when
        // the rollup begins, where they held up both counting threads (0.36 s on the 38 M-mark LA). The publish draws any
        // still missing.
        RecordKeys.AssignNew(c);
    }

    /// <summary>
    /// Waits for work running beside a load that has failed, and returns the error to report: the load's own, or, when the work
    /// beside it failed as well on the same database (DuckDB invalidates a database after a fatal error, so the first failure
    /// may be the other's cause), both. A rejection or a cancellation is reported as it is.
    /// </summary>
    internal static Exception Beside(Task beside, Exception failure)
    {
        try
        {
            beside.Wait();
            return failure;
        }
        catch (AggregateException e) when (failure is not BatchRejectedException and not OperationCanceledException
                                           && e.InnerExceptions.FirstOrDefault(x => x != failure && x is not OperationCanceledException) is { } alongside)
        {
            return new InvalidOperationException($"{failure.Message} (and the work beside it failed: {alongside.Message})", failure);
        }
        catch (AggregateException)
        {
            return failure;
        }
    }

    /// <summary>DfE rows from which a batch is worth a collection and a checkpoint mid-load (a weekly file is ~100,000 rows).</summary>
    private const int ReleaseTotalsFrom = 1_000_000;

    /// <summary>
    /// DuckDB's memory limit for a large batch's school rollup. The rollup is the load's hungriest step, and DuckDB's limit
    /// bounds only its own buffers: the process holds ~0.2–0.3 GiB besides (runtime, libraries, the batch's dimensions) and
    /// the allocator keeps some of what DuckDB frees. A year of weekly DfE files (100,000 pupils) peaked at 1.06–1.10 GiB
    /// resident with the load's 1 GB and at 0.87 GiB with this (probes on a busy machine, 30 Nov 2026); over it, DuckDB spills.
    /// </summary>
    private const string LargeRollupMemoryLimit = "640MB";

    /// <summary>
    /// Once a large batch's DfE rows are staged, their memory goes back before the rollup, the load's hungriest DuckDB step: the
    /// rows (24 bytes each, ~4 million for a year of weekly files) and what reading them left for the collector, and
    /// DuckDB's copy of the new rows, which it holds in memory until a checkpoint writes them to the snapshot's file
    /// (measured on a year of weekly files: the load's peak resident memory was the reader's garbage plus DuckDB's
    /// uncheckpointed rows plus the rollup's working memory).
    /// </summary>
    private static void ReleaseTotals(DuckDBConnection c, ReadBatch batch)
    {
        batch.ReleaseSessionTotals();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        c.Execute("CHECKPOINT");
    }

    /// <summary>
    /// A first load of DfE totals without marks (a year of weekly files into a warehouse with neither marks nor totals,
    /// which a direct load has): the totals go straight into session_totals beside the dimensions and the count
    /// (<see cref="SessionTotalsAppendBeside"/>), as marks would, and are counted like registers
    /// (<see cref="FirstLoadAggregates"/>), each row an enrolment-week with no register to win over it.
    /// </summary>
    private static bool IsTotalsAlone(ReadBatch batch) => batch.MarksRows == 0 && batch.SessionTotals.Count > 0;

    /// <summary>Every row of every file was rejected: publishing would make an empty batch look like a load.</summary>
    private static bool NothingValid(ReadBatch batch, long marks) =>
        marks == 0 && batch.Schools.Count == 0 && batch.Enrolments.Count == 0 && batch.CohortMemberships.Count == 0 && batch.CohortDefinitions.Count == 0 &&
        batch.Benchmarks.Count == 0 && batch.InYearBenchmarks.Count == 0 && batch.SessionTotals.Count == 0;

    private string RejectsPath()
    {
        Directory.CreateDirectory(paths.RejectsDir);
        return RejectsFileName.NewPath(paths.RejectsDir);
    }

    private long StreamMarks(SnapshotBuilder snapshot, ReadBatch batch, int batchId, string table, Action<long, long>? marksRead,
        out MarksIndex registers, CancellationToken ct)
    {
        var sinks = new List<WeekClusteredMarkSink>();
        var rate = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var reporter = new ImmediateProgress<long>(n =>
        {
            marksRead?.Invoke(n, batch.MarksRows);
            if (rate.Elapsed - lastReport < TimeSpan.FromSeconds(2)) return;
            lastReport = rate.Elapsed;
            progress?.Report($"marks: {n:N0} read ({n / Math.Max(rate.Elapsed.TotalSeconds, 0.001):N0}/s)");
        });
        try
        {
            MarksIndex? index = null;
            var accepted = OneDuckDbThread.Run(snapshot.Connection, () =>
            {
                var n = batch.StreamMarks(() =>
                {
                    var sink = new WeekClusteredMarkSink(new MarkAppenderSink(snapshot.OpenAnotherConnection(), batchId, table));
                    lock (sinks) sinks.Add(sink);
                    return sink;
                }, out index, reporter, ct);
                // Only a complete stream is closed: after a failure, closing could throw again and hide the cause. The
                // row groups the sinks committed on the way die with the working snapshot.
                WeekClusteredMarkSink.CloseAll(sinks);
                return n;
            });
            registers = index!;
            return accepted;
        }
        finally
        {
            foreach (var s in sinks) s.Dispose();
        }
    }
}

using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Totals;

/// <summary>
/// The first DfE totals into a warehouse with neither marks nor totals take the first-load path (totals appended straight
/// into session_totals, every aggregate counted in one pass, the rollup built whole) rather than ~4 million dirty
/// enrolment-weeks. Both paths must give the same warehouse: a generated LA's weekly DfE files loaded in one batch and
/// loaded week by week (the later weeks through the merge and dirty-week refresh) hold the same totals, aggregates and
/// rollup, each equal to its definition.
/// </summary>
public sealed class FirstTotalsLoadTests
{
    [Fact]
    public void AYearOfWeeklyFilesInOneBatch_IsTheWarehouseOfLoadingThemWeekByWeek()
    {
        using var oneBatch = new EtlWarehouse();
        using var weekByWeek = new EtlWarehouse();
        var generated = oneBatch.NewFolder("generated");
        var asOf = new DateOnly(2025, 10, 17);
        new DemoAuthorityGenerator().Generate(new GeneratorOptions { Schools = 4, Pupils = 300, Years = 1, Seed = 7, AsOf = asOf }, generated);
        var year = oneBatch.NewFolder("dfe");
        var dfe = SessionTotalsFileWriter.Write(Path.Combine(generated, DemoAuthorityGenerator.MarksFileName),
            Path.Combine(generated, PupilsFileWriter.FileName), Path.Combine(oneBatch.NewFolder("whole"), SessionTotalsFileWriter.FileName), 319);
        var weeks = SplitByWeek(dfe, year);
        Assert.True(weeks.Count >= 5);
        var gias = Directory.GetFiles(generated, "edubasealldata*.csv").Single();
        var cohorts = Directory.GetFiles(generated, "*.csv").Where(f => f != gias && !f.EndsWith(DemoAuthorityGenerator.MarksFileName) && !f.EndsWith(PupilsFileWriter.FileName)).ToArray();

        var loaded = oneBatch.Load([gias, .. cohorts, year]);
        Assert.Equal(File.ReadLines(dfe).LongCount() - 1, loaded.SessionTotals);
        weekByWeek.Load([gias, .. cohorts, weeks[0]]);
        foreach (var week in weeks.Skip(1)) weekByWeek.Load(week);

        Assert.Equal(Content(oneBatch), Content(weekByWeek));
        foreach (var w in new[] { oneBatch, weekByWeek })
        {
            using var c = w.Open();
            EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
        }
    }

    /// <summary>
    /// The hand-checked LA's files without its marks, and a DfE file with the cases the in-memory count must treat as its
    /// definition does: weeks across a month end and across the end of the academic year, weeks with no possible
    /// session, a pupil at two schools in one week, FSM memberships that overlap a week for a day or end and restart, a
    /// cohort membership in a week without totals, and two rows rejected (--skip-invalid). With and without residents of
    /// the LA at other LAs' schools.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AFirstLoadOfTotalsAlone_CountedInMemory_IsItsDefinition_InTheHardCases(bool residentsElsewhere)
    {
        using var w = new EtlWarehouse();
        var folder = residentsElsewhere ? ResidentsElsewhere.Write(w) : w.NewFolder("in");
        if (!residentsElsewhere) foreach (var f in Directory.GetFiles(w.HandChecked)) File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        File.Delete(Path.Combine(folder, "marks.csv"));
        File.AppendAllText(Path.Combine(folder, "fsm.csv"),
            $"{P1},FSM,2025-09-10,2025-09-30\n{P1},FSM,2025-10-01,2025-10-01\n{P4},FSM,2025-09-13,2025-09-14\n{P3},FSM,2026-09-01,2026-09-02\n");
        var rows = new List<string>();
        foreach (var monday in new DateOnly[] { new(2025, 9, 1), new(2025, 9, 8), new(2025, 9, 29), new(2025, 10, 6), new(2026, 3, 30), new(2026, 8, 31) })
        {
            rows.Add(SessionTotalsFiles.Row(P1, Alpha, monday, 6, 1, 2, 1));
            rows.Add(SessionTotalsFiles.Row(P2, Alpha, monday, 10, 0, 0, 0, dob: "2018-05-01"));
            rows.Add(SessionTotalsFiles.Row(P4, Beta, monday, 0, 0, 0, 0, dob: "2018-02-01"));
            rows.Add(SessionTotalsFiles.Row(P7, Gamma, monday, 3, 0, 1, 6, dob: "2013-01-10", admission: "2023-09-01"));
        }
        rows.Add(SessionTotalsFiles.Row(P6, Beta, new DateOnly(2025, 9, 1), 4, 0, 0, 0, dob: "2015-04-01", admission: "2021-09-01"));
        rows.Add(SessionTotalsFiles.Row(P6, Gamma, new DateOnly(2025, 9, 1), 1, 0, 1, 0, dob: "2015-04-01", admission: "2025-09-05"));
        rows.Insert(3, SessionTotalsFiles.Row("X123", Alpha, new DateOnly(2025, 9, 8), 10, 0, 0, 0)); // a UPN that is not one
        rows.Insert(7, SessionTotalsFiles.Row(P2, Alpha, new DateOnly(2025, 10, 13), 10, 0, 0, 0, dob: "2018-05-01").Replace(",10,10,0,", ",10,11,0,"));
        SessionTotalsFiles.Write(folder, "dfe-year.csv", [.. rows]);

        var steps = new Steps();
        var result = new BatchLoader(w.Paths, steps).Load([folder], new LoadOptions(LaCode: 319, SkipInvalid: true));
        Assert.Equal(2, result.Report.TotalRejected);
        Assert.Contains(steps.Lines, l => l.StartsWith("counted aggregates of the session totals and summed the school rollup's units", StringComparison.Ordinal));
        using var c = w.Open();
        Assert.Equal(rows.Count - 2L, c.Scalar<long>($"SELECT count(*) FROM session_totals WHERE urn IN ({Alpha}, {Beta}, {Gamma})"));
        Assert.True(c.Scalar<long>("SELECT count(*) FROM agg_cohort_enrolment_week WHERE cohort = 'FSM'") > 0);
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    /// <summary>
    /// A pupils-file row rejected for a bad characteristic (--skip-invalid) leaves its enrolment to the DfE rows that
    /// describe it: the pupil is loaded from them, rather than left with totals and no pupils row.
    /// </summary>
    [Fact]
    public void APupilsRowRejectedForACharacteristic_LeavesItsEnrolmentToTheDfeRows()
    {
        using var w = new EtlWarehouse();
        var folder = w.NewFolder("in");
        foreach (var f in Directory.GetFiles(w.HandChecked)) File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        File.Delete(Path.Combine(folder, "marks.csv"));
        var pupils = Path.Combine(folder, "pupils.csv");
        File.WriteAllText(pupils, File.ReadAllText(pupils).Replace($"{P1},{Alpha},2022-09-01,,2018-03-01,F,3,WBRI,", $"{P1},{Alpha},2022-09-01,,2018-03-01,F,3,ZZZZ,"));
        var monday = new DateOnly(2025, 9, 8);
        SessionTotalsFiles.Write(folder, "dfe.csv", SessionTotalsFiles.Row(P1, Alpha, monday, 6, 1, 2, 1), SessionTotalsFiles.Row(P2, Alpha, monday, 10, 0, 0, 0, dob: "2018-05-01"));

        var result = w.Load(new LoadOptions(LaCode: 319, SkipInvalid: true), folder);
        var rejected = Assert.Single(result.Report.Examples(RejectionReason.BadCharacteristic));
        Assert.Equal("ethnicity", rejected.Column);
        using var c = w.Open();
        Assert.Equal(1L, c.Scalar<long>($"SELECT count(*) FROM pupils WHERE upn = '{P1}'"));
        Assert.Equal(2L, c.Scalar<long>("SELECT count(*) FROM agg_enrolment_week"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    /// <summary>The loader's step lines, as it reports them (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Steps : IProgress<string>
    {
        public List<string> Lines { get; } = [];

        public void Report(string value)
        {
            lock (Lines) Lines.Add(value);
        }
    }

    private sealed class HookFailure(string step) : Exception($"test failure at {step}");

    private sealed class FailingProgress(string lineStart, Action before) : IProgress<string>
    {
        public void Report(string value)
        {
            if (!value.StartsWith(lineStart, StringComparison.Ordinal)) return;
            before();
            throw new HookFailure("progress: " + value);
        }
    }

    public static TheoryData<string> FailuresBesideTheAppend => new()
    {
        "the append fails",
        "the dimensions' step fails while appending",
        "a progress line fails while appending",
        "cancelled while counting",
    };

    /// <summary>
    /// The first year of totals is appended on a connection of its own while the dimensions are staged and the aggregates
    /// counted. A failure of that append, or of the load while it is still appending, publishes nothing, and the load
    /// returns only once the append has stopped writing into the working snapshot it deletes: except where the append
    /// itself fails, it is held until 300 ms after the failure, so without the wait the load returns first.
    /// </summary>
    [Theory]
    [MemberData(nameof(FailuresBesideTheAppend))]
    public void AFirstLoadOfTotals_FailingBesideItsAppend_PublishesNothing_AndTheRetryLoadsEveryRow(string failure)
    {
        using var w = new EtlWarehouse();
        var generated = w.NewFolder("generated");
        new DemoAuthorityGenerator().Generate(new GeneratorOptions { Schools = 3, Pupils = 120, Years = 1, Seed = 11, AsOf = new DateOnly(2025, 10, 17) }, generated);
        var dfe = SessionTotalsFileWriter.Write(Path.Combine(generated, DemoAuthorityGenerator.MarksFileName),
            Path.Combine(generated, PupilsFileWriter.FileName), Path.Combine(w.NewFolder("dfe"), SessionTotalsFileWriter.FileName), 319);
        var gias = Directory.GetFiles(generated, "edubasealldata*.csv").Single();
        var fsm = Directory.GetFiles(generated, "*.csv").First(f => Path.GetFileName(f).Contains("fsm", StringComparison.OrdinalIgnoreCase));
        using var appendMayEnd = new ManualResetEventSlim(false);
        using var cancel = new CancellationTokenSource();
        var appendEnded = false;
        void ReleaseTheAppendLater() => _ = Task.Delay(300).ContinueWith(_ => appendMayEnd.Set());
        var options = new LoadOptions(LaCode: 319)
        {
            StepReached = step =>
            {
                if (step == "session-totals-appended")
                {
                    if (failure != "the append fails") appendMayEnd.Wait(TimeSpan.FromSeconds(10));
                    Volatile.Write(ref appendEnded, true);
                    if (failure == "the append fails") throw new HookFailure(step);
                }
                if (step != "dimensions-staged") return;
                if (failure == "the dimensions' step fails while appending")
                {
                    ReleaseTheAppendLater();
                    throw new HookFailure(step);
                }
                if (failure == "cancelled while counting")
                {
                    cancel.Cancel(); // the count stops at its next check
                    ReleaseTheAppendLater();
                }
            },
        };
        var progress = failure == "a progress line fails while appending" ? new FailingProgress("staged schools", ReleaseTheAppendLater) : null;

        var e = Assert.ThrowsAny<Exception>(() => new BatchLoader(w.Paths, progress).Load([gias, fsm, dfe], options, cancel.Token));

        Assert.True(failure == "cancelled while counting" ? e is OperationCanceledException : e is HookFailure, e.ToString());
        Assert.True(Volatile.Read(ref appendEnded), "the load returned while the totals were still being appended");
        Assert.Null(w.Current);
        Assert.DoesNotContain(w.SnapshotFiles(), f => f.StartsWith("building-", StringComparison.Ordinal));
        var retry = w.Load(gias, fsm, dfe);
        Assert.Equal(File.ReadLines(dfe).LongCount() - 1, retry.SessionTotals);
        using var c = w.Open();
        Assert.Equal(retry.SessionTotals, c.Scalar<long>("SELECT count(*) FROM session_totals"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    private static List<string> Content(EtlWarehouse w)
    {
        using var c = w.Open();
        return [.. EtlWarehouse.Rows(c, "SELECT * EXCLUDE (batch_id) FROM session_totals ORDER BY ALL"),
                .. EtlWarehouse.Rows(c, "SELECT * FROM agg_enrolment_week ORDER BY ALL"),
                .. EtlWarehouse.Rows(c, "SELECT * FROM agg_cohort_enrolment_week ORDER BY ALL"),
                .. EtlWarehouse.Rows(c, "SELECT * FROM session_total_spans ORDER BY ALL"),
                .. EtlWarehouse.Rows(c, "SELECT * FROM pupils ORDER BY ALL")];
    }

    /// <summary>The generator's file, one file per period_start (the header on each), in week order.</summary>
    private static List<string> SplitByWeek(string file, string folder)
    {
        var lines = File.ReadAllLines(file);
        var column = Array.IndexOf(lines[0].Split(','), "period_start");
        return lines.Skip(1).GroupBy(l => l.Split(',')[column]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var path = Path.Combine(folder, $"dfe-{g.Key}.csv");
            File.WriteAllLines(path, [lines[0], .. g]);
            return path;
        }).ToList();
    }
}

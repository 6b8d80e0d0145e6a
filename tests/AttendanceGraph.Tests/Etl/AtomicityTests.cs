using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Etl.Cli;
using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>A load that fails or is killed at any step leaves CURRENT and every table exactly as before.</summary>
public sealed class AtomicityTests
{
    public static TheoryData<string> Steps => new() { "begun", "marks-appended", "dimensions-staged", "aggregates-refreshed", "before-publish" };

    private sealed class HookFailure(string step) : Exception($"test failure at {step}");

    /// <summary>A second batch touching every kind of table: a corrected mark, a new day, a changed cohort, a new pupil.</summary>
    private static string SecondBatch(EtlWarehouse w)
    {
        var dir = w.NewFolder("batch2");
        w.WriteMarks(Path.Combine(dir, "marks.csv"),
        [
            (P7, Gamma, new DateOnly(2025, 9, 11), "AM", "I"),
            (P1, Alpha, new DateOnly(2025, 9, 15), "AM", "/"),
            (P1, Alpha, new DateOnly(2025, 9, 15), "PM", "\\"),
        ]);
        File.WriteAllText(Path.Combine(dir, "fsm.csv"), $"upn,cohort,start_date,end_date\n{P7},FSM,2023-09-01,2025-09-09\n{P1},FSM,2025-09-01,\n");
        return dir;
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void ALoadThatFailsAtAStep_LeavesEveryTableAndCurrentUnchanged(string failAt)
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var before = w.Dump();
        var current = w.Current;
        var batch2 = SecondBatch(w);
        var reached = new List<string>();

        var e = Assert.Throws<HookFailure>(() => w.Load(new LoadOptions(LaCode: 319)
        {
            StepReached = step => { reached.Add(step); if (step == failAt) throw new HookFailure(step); },
        }, batch2));

        Assert.Equal(failAt, reached[^1]);
        Assert.Equal(current, w.Current);
        var after = w.Dump();
        foreach (var table in EtlWarehouse.Tables) Assert.Equal(before[table], after[table]);
        Assert.DoesNotContain(w.SnapshotFiles(), f => f.StartsWith("building-", StringComparison.Ordinal));

        // The next load works and publishes the whole batch.
        var retry = w.Load(batch2);
        Assert.Equal(2, retry.BatchId);
        Assert.Equal(3, retry.Marks);
        Assert.DoesNotContain(w.SnapshotFiles(), f => f.StartsWith("building-", StringComparison.Ordinal));
        using var c = w.Open();
        Assert.Equal(before["marks"].Count + 2, c.Scalar<long>("SELECT count(*) FROM marks"));
        Assert.Equal(2, c.Scalar<long>("SELECT count(*) FROM cohort_memberships WHERE cohort = 'FSM'"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    /// <summary>
    /// At "rollup-written" the schools' positions may still be being appended on another connection of the working snapshot,
    /// which the failed load waits for before deleting it. At this size they are done by then, so the test shows the failure
    /// there leaves nothing behind, not the wait itself (a load without the wait passed it too).
    /// </summary>
    [Theory]
    [InlineData("rollup-written")]
    [InlineData("aggregates-refreshed")]
    public void AFirstLoadThatFailsAfterCommittingRowGroups_PublishesNothing_AndTheRetryLoadsEverything(string failAt)
    {
        using var w = new EtlWarehouse();
        var input = w.NewFolder("generated");
        new DemoAuthorityGenerator().Generate(new GeneratorOptions
        {
            Schools = 4, Pupils = 900, Years = 1, Seed = 5, AsOf = new DateOnly(2026, 7, 14),
        }, input);

        Assert.Throws<HookFailure>(() => w.Load(new LoadOptions(LaCode: 319)
        {
            StepReached = step => { if (step == failAt) throw new HookFailure(step); },
        }, input));
        Assert.Null(w.Current);
        Assert.DoesNotContain(w.SnapshotFiles(), f => f.StartsWith("building-", StringComparison.Ordinal));

        var retry = w.Load(input);
        // More than a row group per parser thread: the failed load had committed row groups into its working snapshot.
        Assert.True(retry.Marks > 2 * ColumnarAppender.RowGroupSize, $"only {retry.Marks} marks");
        using var c = w.Open();
        Assert.Equal(retry.Marks, c.Scalar<long>("SELECT count(*) FROM marks"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    [Fact]
    public async Task AKilledEtlProcess_LeavesTheWarehouseUnchanged_AndTheNextLoadSucceeds()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var before = w.Dump();
        var current = w.Current;
        var batch2 = SecondBatch(w);

        using (var etl = EtlProcess.Start(["load", batch2, "--la", "319", "--warehouse", w.Paths.Root],
                   new Dictionary<string, string> { [LoadCommand.TestPauseVariable] = "before-publish" }))
        {
            var stderr = etl.StandardError.ReadToEndAsync();
            string? line;
            var seen = new List<string>();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while ((line = etl.StandardOutput.ReadLine()) is not null && line != "paused at before-publish")
            {
                seen.Add(line);
                Assert.True(DateTime.UtcNow < deadline, "the ETL never reached before-publish");
            }
            if (line is null) Assert.Fail($"the ETL exited before pausing:\n{string.Join("\n", seen)}\n{await stderr}");
            // Paused with the whole batch in its building snapshot, one step from publishing.
            Assert.Contains(w.SnapshotFiles(), f => f.StartsWith("building-", StringComparison.Ordinal));
            etl.Kill();
            Assert.True(etl.WaitForExit(TimeSpan.FromSeconds(30)), "the killed ETL process did not exit");
        }

        Assert.Equal(current, w.Current);
        var after = w.Dump();
        foreach (var table in EtlWarehouse.Tables) Assert.Equal(before[table], after[table]);

        var retry = w.Load(batch2);
        Assert.Equal(2, retry.BatchId);
        Assert.DoesNotContain(w.SnapshotFiles(), f => f.StartsWith("building-", StringComparison.Ordinal));
        using var c = w.Open();
        Assert.Equal(before["marks"].Count + 2, c.Scalar<long>("SELECT count(*) FROM marks"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }
}

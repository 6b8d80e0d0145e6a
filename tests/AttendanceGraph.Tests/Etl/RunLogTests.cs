using AttendanceGraph.Etl.Cli;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// The run log never hides or decides a load's outcome: the real cause of a failure is the message, a run-log
/// failure comes after it; rows of killed loads do not stay "running".
/// </summary>
public sealed class RunLogTests
{
    private static string DayOfMarks(EtlWarehouse w) => w.WriteMarks(Path.Combine(w.NewFolder("day"), "marks.csv"),
        [(P1, Alpha, new DateOnly(2025, 9, 15), "AM", "/"), (P1, Alpha, new DateOnly(2025, 9, 15), "PM", "\\")]);

    private static List<EtlRun> Runs(EtlWarehouse w)
    {
        using var ops = OperationalDb.Open(w.Paths.OperationalStore);
        return ops.EtlRuns.OrderBy(r => r.Id).ToList();
    }

    [Fact]
    public async Task AKilledLoad_IsMarkedFailedByTheNextLoad_NotLeftRunning()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        using (var etl = EtlProcess.Start(["load", DayOfMarks(w), "--la", "319", "--warehouse", w.Paths.Root],
                   new Dictionary<string, string> { [LoadCommand.TestPauseVariable] = "begun" }))
        {
            var stderr = etl.StandardError.ReadToEndAsync();
            string? line;
            while ((line = etl.StandardOutput.ReadLine()) is not null && line != "paused at begun") { }
            if (line is null) Assert.Fail($"the ETL exited before pausing: {await stderr}");
            etl.Kill();
            Assert.True(etl.WaitForExit(TimeSpan.FromSeconds(30)), "the killed ETL process did not exit");
        }
        var killed = Assert.Single(Runs(w));
        Assert.Equal("running", killed.Status);

        var (code, output, error) = EtlWarehouse.Cli("load", DayOfMarks(w), "--la", "319", "--warehouse", w.Paths.Root);

        Assert.True(code == ExitCodes.Success, output + error);
        var runs = Runs(w);
        Assert.Equal(2, runs.Count);
        Assert.Equal(("failed", EtlRunLog.Abandoned), (runs[0].Status, runs[0].Message));
        Assert.NotNull(runs[0].FinishedAt);
        Assert.Equal("loaded", runs[1].Status);
    }

    [Fact]
    public void ADamagedSnapshot_IsTheMessage_AndTheRunLogFailureComesAfterIt()
    {
        using var w = new EtlWarehouse();
        Assert.Equal(ExitCodes.Success, EtlWarehouse.Cli("load", w.HandChecked, "--la", "319", "--warehouse", w.Paths.Root).ExitCode);
        // The real cause: the published snapshot is damaged (not a DuckDB file any more).
        File.WriteAllBytes(w.Paths.SnapshotPath(w.Current!), Enumerable.Repeat((byte)'x', 8192).ToArray());
        // And the run log cannot be written either: SQLite cannot create its rollback journal where a folder is in
        // the way, which stops root as surely as anyone (a full disk cannot be made for real in CI).
        Directory.CreateDirectory(w.Paths.OperationalStore + "-journal");

        var (code, _, error) = EtlWarehouse.Cli("load", DayOfMarks(w), "--la", "319", "--warehouse", w.Paths.Root);

        // A damaged current snapshot is a damaged warehouse: refused with its own code, the run log's problem after it.
        Assert.Equal(ExitCodes.WarehouseDamaged, code);
        var lines = error.TrimEnd().Split('\n');
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains("not a valid DuckDB database file", lines[0]);
        Assert.DoesNotContain("saving the entity changes", error);
        Assert.StartsWith($"also: the run log in {w.Paths.OperationalStore} could not be written: ", lines[^1]);
    }

    [Fact]
    public void WhenOnlyTheRunLogFails_TheLoadStillPublishes_AndWarnsAfterItsResult()
    {
        using var w = new EtlWarehouse();
        Assert.Equal(ExitCodes.Success, EtlWarehouse.Cli("load", w.HandChecked, "--la", "319", "--warehouse", w.Paths.Root).ExitCode);
        Directory.CreateDirectory(w.Paths.OperationalStore + "-journal");

        var (code, output, _) = EtlWarehouse.Cli("load", DayOfMarks(w), "--la", "319", "--warehouse", w.Paths.Root);

        Assert.Equal(ExitCodes.Success, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("batch 2 loaded", lines[^2]);
        Assert.StartsWith("warning: the run log in ", lines[^1]);
        Assert.Equal(2, SnapshotBatches(w));
    }

    private static int SnapshotBatches(EtlWarehouse w)
    {
        using var c = w.Open();
        return (int)c.Scalar<long>("SELECT count(*) FROM batches");
    }
}

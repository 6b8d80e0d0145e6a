using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Etl.Publish;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>Readers are never blocked or shown a half-load; writers take turns.</summary>
public sealed class ConcurrencyTests
{
    private static string NextDay(EtlWarehouse w, string name, DateOnly day) =>
        w.WriteMarks(Path.Combine(w.NewFolder(name), "marks.csv"), [(P1, Alpha, day, "AM", "/"), (P1, Alpha, day, "PM", "\\")]);

    [Fact]
    public async Task AReaderProcessesOpenSnapshot_NeitherBlocksALoadInAnotherProcess_NorSeesIt()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var batch2 = NextDay(w, "day", new DateOnly(2025, 9, 15));

        using var reader = w.Open();
        Assert.Equal(128, reader.Scalar<long>("SELECT count(*) FROM marks"));

        using var etl = EtlProcess.Start(["load", batch2, "--la", "319", "--warehouse", w.Paths.Root]);
        var stdout = etl.StandardOutput.ReadToEndAsync();
        var stderr = etl.StandardError.ReadToEndAsync();
        // While the other process loads, the open connection keeps answering with the published data.
        while (!etl.HasExited)
        {
            Assert.Equal(128, reader.Scalar<long>("SELECT count(*) FROM marks"));
            Assert.Equal(1, reader.Scalar<long>("SELECT max(batch_id) FROM batches"));
            Thread.Sleep(50);
        }
        Assert.True(etl.WaitForExit(TimeSpan.FromSeconds(60)));
        var output = await stdout;
        Assert.True(etl.ExitCode == 0, $"load failed: {output}\n{await stderr}");
        Assert.Contains("published batch 2", output);

        // The old connection still answers from the old snapshot …
        Assert.Equal(128, reader.Scalar<long>("SELECT count(*) FROM marks"));
        Assert.Equal(0, reader.Scalar<long>("SELECT count(*) FROM marks WHERE date = DATE '2025-09-15'"));
        // … and a new connection after the publish sees the new batch.
        using var fresh = w.Open();
        Assert.Equal(130, fresh.Scalar<long>("SELECT count(*) FROM marks"));
        Assert.Equal(2, fresh.Scalar<long>("SELECT max(batch_id) FROM batches"));
        Assert.Equal("warehouse-000002.duckdb", w.Current);
    }

    [Fact]
    public void ASecondWriter_WaitsForTheLock_AndFailsCleanlyWhenItTimesOut()
    {
        using var w = new EtlWarehouse();
        using (WriterLock.Acquire(w.Paths, TimeSpan.Zero))
        {
            var e = Assert.Throws<InvalidOperationException>(() => WriterLock.Acquire(w.Paths, TimeSpan.FromMilliseconds(300)));
            Assert.Contains("another load is writing the warehouse", e.Message);
        }
        // Released: the next writer gets it at once.
        using (WriterLock.Acquire(w.Paths, TimeSpan.Zero)) { }
    }

    [Fact]
    public void TwoConcurrentLoads_TakeTurns_AndTheLaterOneBuildsOnTheEarlierOne()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var a = NextDay(w, "monday", new DateOnly(2025, 9, 15));
        var b = NextDay(w, "tuesday", new DateOnly(2025, 9, 16));

        LoadResult? second = null;
        Thread loader;
        using (WriterLock.Acquire(w.Paths, TimeSpan.Zero))
        {
            loader = new Thread(() => second = w.Load(b));
            loader.Start();
            // Held out by the lock: nothing published while the first writer holds it.
            Thread.Sleep(700);
            Assert.True(loader.IsAlive);
            Assert.Equal("warehouse-000001.duckdb", w.Current);
            Assert.DoesNotContain(w.SnapshotFiles(), f => f.StartsWith("building-", StringComparison.Ordinal));
        }
        var first = w.Load(a); // races the waiting loader for the lock; either order must keep both batches
        Assert.True(loader.Join(TimeSpan.FromSeconds(60)));

        Assert.Equal([2, 3], new[] { first.BatchId!.Value, second!.BatchId!.Value }.Order());
        using var c = w.Open();
        Assert.Equal(132, c.Scalar<long>("SELECT count(*) FROM marks"));
        Assert.Equal(3, c.Scalar<long>("SELECT count(*) FROM batches"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }
}

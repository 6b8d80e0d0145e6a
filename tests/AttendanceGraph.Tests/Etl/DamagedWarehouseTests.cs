using AttendanceGraph.Etl.Cli;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// A warehouse with snapshots but a broken CURRENT (or a broken current snapshot) is damaged, never empty: status
/// reports it with exit 5, load refuses it without touching any snapshot, and recover puts it back in service.
/// </summary>
public sealed class DamagedWarehouseTests
{
    /// <summary>Two published batches (warehouse-000001 and -000002, CURRENT naming the second).</summary>
    public static EtlWarehouse TwoBatches()
    {
        var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        w.Load(Correction(w, "correction"));
        Assert.Equal(["warehouse-000001.duckdb", "warehouse-000002.duckdb"], w.Paths.PublishedSnapshots());
        return w;
    }

    /// <summary>P1's last afternoon amended to unauthorised absence (one mark).</summary>
    public static string Correction(EtlWarehouse w, string name) =>
        w.WriteMarks(Path.Combine(w.NewFolder(name), "marks.csv"), [(P1, Alpha, new DateOnly(2025, 9, 12), "PM", "O")]);

    [Theory]
    [MemberData(nameof(WarehouseDamage.Theory), MemberType = typeof(WarehouseDamage))]
    public void Status_ReportsTheDamageTheSnapshotsAndTheRepair_AndExits4(string damage)
    {
        using var w = TwoBatches();
        WarehouseDamage.Apply(w.Paths, damage);
        var expect = WarehouseDamage.Expect(damage);

        var status = EtlWarehouse.Cli("status", "--warehouse", w.Paths.Root);

        Assert.Equal(ExitCodes.WarehouseDamaged, status.ExitCode);
        Assert.Contains($"the warehouse in {w.Paths.Root} is damaged: {expect.Problem}", status.Output);
        Assert.Contains("warehouse-000001.duckdb: intact", status.Output);
        Assert.Contains($"recover --from {expect.RecoverFrom} --warehouse {w.Paths.Root}", status.Output);
        Assert.DoesNotContain("no batch has been loaded", status.Output);
    }

    [Theory]
    [MemberData(nameof(WarehouseDamage.Theory), MemberType = typeof(WarehouseDamage))]
    public void Load_RefusesADamagedWarehouse_AndWritesNoSnapshot(string damage)
    {
        using var w = TwoBatches();
        WarehouseDamage.Apply(w.Paths, damage);
        var before = WarehouseDamage.SnapshotHashes(w.Paths);
        var pointerBefore = File.Exists(w.Paths.CurrentPointer) ? File.ReadAllBytes(w.Paths.CurrentPointer) : null;

        var load = EtlWarehouse.Cli("load", Correction(w, "batch3"), "--la", "319", "--warehouse", w.Paths.Root);

        Assert.Equal(ExitCodes.WarehouseDamaged, load.ExitCode);
        Assert.Contains(WarehouseDamage.Expect(damage).Problem, load.Error);
        Assert.Contains("recover --from", load.Error);
        Assert.DoesNotContain("building-", load.Error); // the damaged snapshot is named, not a working copy
        Assert.Equal(before, WarehouseDamage.SnapshotHashes(w.Paths));
        Assert.Equal(pointerBefore, File.Exists(w.Paths.CurrentPointer) ? File.ReadAllBytes(w.Paths.CurrentPointer) : null);
    }

    [Theory]
    [MemberData(nameof(WarehouseDamage.Theory), MemberType = typeof(WarehouseDamage))]
    public void RecoverLatestIntact_RestoresService_AndTheNextBatchIsNumberedAfterEverySnapshot(string damage)
    {
        using var w = TwoBatches();
        var first = WarehouseDamage.SnapshotHashes(w.Paths)["warehouse-000001.duckdb"];
        WarehouseDamage.Apply(w.Paths, damage);
        var expect = WarehouseDamage.Expect(damage);

        var recover = EtlWarehouse.Cli("recover", "--latest-intact", "--warehouse", w.Paths.Root);

        Assert.True(recover.ExitCode == 0, recover.Output + recover.Error);
        Assert.Contains($"CURRENT now names {expect.RecoverFrom}", recover.Output);
        Assert.Equal(expect.RecoverFrom, w.Current);
        Assert.Equal(0, EtlWarehouse.Cli("status", "--warehouse", w.Paths.Root).ExitCode);
        var load = EtlWarehouse.Cli("load", Correction(w, "batch3"), "--la", "319", "--force", "--warehouse", w.Paths.Root);
        Assert.True(load.ExitCode == 0, load.Output + load.Error);
        Assert.Contains("batch 3 loaded", load.Output); // after warehouse-000002 even when recovering from 000001
        Assert.Equal("warehouse-000003.duckdb", w.Current);
        Assert.Equal(first, WarehouseDamage.SnapshotHashes(w.Paths)["warehouse-000001.duckdb"]);
    }

    [Fact]
    public void RecoverFrom_ASnapshotThatDoesNotOpen_LeavesCurrentAsItWas_AndExits4()
    {
        using var w = TwoBatches();
        WarehouseDamage.Apply(w.Paths, "truncated snapshot");

        var recover = EtlWarehouse.Cli("recover", "--from", "warehouse-000002.duckdb", "--warehouse", w.Paths.Root);

        Assert.Equal(ExitCodes.WarehouseDamaged, recover.ExitCode);
        Assert.Contains("cannot recover from warehouse-000002.duckdb: DuckDB cannot open warehouse-000002.duckdb", recover.Output);
        Assert.Equal("warehouse-000002.duckdb", w.Current);
    }

    [Theory]
    [InlineData("../../etc/warehouse-000001.duckdb")]
    [InlineData("warehouse-1.duckdb")]
    public void RecoverFrom_AnythingButASnapshotOfThisWarehouse_IsAUsageError(string from)
    {
        using var w = TwoBatches();
        WarehouseDamage.Apply(w.Paths, "empty CURRENT");

        var recover = EtlWarehouse.Cli("recover", "--from", from, "--warehouse", w.Paths.Root);

        Assert.Equal(ExitCodes.Usage, recover.ExitCode);
        Assert.Contains("--from must name a snapshot in", recover.Error);
        Assert.Equal(0, new FileInfo(w.Paths.CurrentPointer).Length);
    }

    [Fact]
    public void ALoadAfterRecoveringToAnOlderSnapshot_NeverOverwritesTheNewerSnapshotFile()
    {
        using var w = TwoBatches();
        var recover = EtlWarehouse.Cli("recover", "--from", "warehouse-000001.duckdb", "--warehouse", w.Paths.Root);
        Assert.Equal(0, recover.ExitCode);
        Assert.Contains("left in place: warehouse-000002.duckdb", recover.Output);
        var before = WarehouseDamage.SnapshotHashes(w.Paths);

        var third = w.Load(Correction(w, "batch3"));

        Assert.Equal(3, third.BatchId);
        var after = WarehouseDamage.SnapshotHashes(w.Paths);
        Assert.Equal(before["warehouse-000001.duckdb"], after["warehouse-000001.duckdb"]);
        Assert.Equal(before["warehouse-000002.duckdb"], after["warehouse-000002.duckdb"]);
    }
}

using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Etl.Publish;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Etl;

/// <summary>The demo's load (only into an empty warehouse) refuses a warehouse that holds a published snapshot.</summary>
public sealed class EmptyOnlyLoadTests
{
    [Fact]
    public void ALoadForAnEmptyWarehouseOnly_FindingAPublishedSnapshot_LoadsNothing_AndLeavesTheSnapshotAsItWas()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked); // what the ETL published while the API was generating its demo
        var before = WarehouseDamage.SnapshotHashes(w.Paths);

        var e = Assert.Throws<WarehouseNotEmptyException>(() =>
            w.Load(new LoadOptions(LaCode: 319) { OnlyIntoEmptyWarehouse = true }, DamagedWarehouseTests.Correction(w, "demo")));

        Assert.Contains("warehouse-000001.duckdb is published", e.Message);
        Assert.Equal(before, WarehouseDamage.SnapshotHashes(w.Paths));
        Assert.Equal("warehouse-000001.duckdb", w.Current);
    }

    [Fact]
    public void ALoadForAnEmptyWarehouseOnly_IntoAnEmptyFolder_PublishesBatchOne()
    {
        using var w = new EtlWarehouse();

        var result = w.Load(new LoadOptions(LaCode: 319) { OnlyIntoEmptyWarehouse = true }, w.HandChecked);

        Assert.Equal(1, result.BatchId);
        Assert.Equal("warehouse-000001.duckdb", w.Current);
    }
}

using AttendanceGraph.Etl.Publish;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using DuckDB.NET.Data;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>A warehouse written by an older version is upgraded by the next load, inside the snapshot that load publishes.</summary>
public sealed class SchemaUpgradeTests
{
    private static readonly DateOnly Monday15 = new(2025, 9, 15);

    [Fact]
    public void AVersion1Warehouse_IsUpgradedByTheNextLoad_WithItsAggregatesRebuiltExactly()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        Dictionary<string, List<string>> before = w.Dump();
        var v1 = w.Paths.SnapshotPath(w.Current!);
        using (var c = new DuckDBConnection(DuckDbSettings.ReadWrite(v1)))
        {
            c.Open();
            DowngradeToVersion1(c);
            Assert.Equal("1", c.Scalar<string>("SELECT value FROM warehouse_info WHERE key = 'schema_version'"));
            Assert.Equal(0, c.Scalar<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'enrolment_week_counts'"));
        }

        var result = w.Load(w.WriteMarks(Path.Combine(w.NewFolder("daily"), "marks-2025-09-15.csv"), [(P1, Alpha, Monday15, "AM", "/")]));

        Assert.Equal(2, result.BatchId);
        using var after = w.Open();
        Assert.Equal(WarehouseSchema.Version.ToString(), after.Scalar<string>("SELECT value FROM warehouse_info WHERE key = 'schema_version'"));
        Assert.Equal(0, after.Scalar<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'marks' AND column_name = 'category'"));
        Assert.Equal("VIEW", after.Scalar<string>("SELECT table_type FROM information_schema.tables WHERE table_name = 'agg_enrolment_week'"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(after);
        // Everything batch 1 aggregated is still there; the only new row is P1's new week.
        var rows = EtlWarehouse.Rows(after, "SELECT * FROM agg_enrolment_week WHERE week_start < DATE '2025-09-15' ORDER BY ALL");
        Assert.Equal(before["agg_enrolment_week"], rows);
    }

    [Fact]
    public void AWarehouseFromANewerVersion_IsRefused_AndLeftAsItWas()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var snapshot = w.Current;
        using (var c = new DuckDBConnection(DuckDbSettings.ReadWrite(w.Paths.SnapshotPath(snapshot!))))
        {
            c.Open();
            c.Execute("UPDATE warehouse_info SET value = '99' WHERE key = 'schema_version'");
        }
        var before = w.Dump();

        var e = Assert.Throws<InvalidOperationException>(() => w.Load(w.HandChecked));

        Assert.Contains("schema version 99", e.Message);
        Assert.Equal(snapshot, w.Current);
        Assert.Equal(before, w.Dump());
        Assert.DoesNotContain(w.SnapshotFiles(), f => f.StartsWith("building-", StringComparison.Ordinal));
    }

    [Fact]
    public void AVersion2Warehouse_IsUpgradedByTheNextLoad_WithEverySchoolWithoutWeekendSessions()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        using (var c = new DuckDBConnection(DuckDbSettings.ReadWrite(w.Paths.SnapshotPath(w.Current!))))
        {
            c.Open();
            DowngradeToVersion2(c);
        }

        w.Load(w.WriteMarks(Path.Combine(w.NewFolder("daily"), "marks-2025-09-15.csv"), [(P1, Alpha, Monday15, "AM", "/")]));

        using var after = w.Open();
        Assert.Equal(WarehouseSchema.Version.ToString(), after.Scalar<string>("SELECT value FROM warehouse_info WHERE key = 'schema_version'"));
        Assert.Equal(["100001|False", "100002|False", "100003|False", "100004|False"],
            EtlWarehouse.Rows(after, "SELECT urn, weekend_sessions FROM schools ORDER BY urn"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(after);
    }

    [Fact]
    public void AVersion4Warehouse_IsUpgradedByTheNextLoad_WithHomeLasNotKnown_LearnedSchoolsAllowed_AndTheRollupsUnitsKeptWhole()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        using (var c = new DuckDBConnection(DuckDbSettings.ReadWrite(w.Paths.SnapshotPath(w.Current!))))
        {
            c.Open();
            DowngradeToVersion4(c);
        }

        w.Load(w.WriteMarks(Path.Combine(w.NewFolder("daily"), "marks-2025-09-15.csv"), [(P1, Alpha, Monday15, "AM", "/")]));

        using var after = w.Open();
        Assert.Equal(WarehouseSchema.Version.ToString(), after.Scalar<string>("SELECT value FROM warehouse_info WHERE key = 'schema_version'"));
        Assert.Equal(0, after.Scalar<long>("SELECT count(*) FROM pupils WHERE home_la_code IS NOT NULL OR home_la_ukprn IS NOT NULL OR home_la_name IS NOT NULL"));
        Assert.Equal(0, after.Scalar<long>("SELECT count(*) FROM schools WHERE la_ukprn IS NOT NULL"));
        // A school learned from a DfE row has no LA code or LAESTAB: the upgraded table takes one.
        Assert.Equal(["la_code|YES", "laestab|YES"], EtlWarehouse.Rows(after,
            "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'schools' AND column_name IN ('la_code', 'laestab') ORDER BY 1"));
        Assert.Equal("2", after.Scalar<string>($"SELECT value FROM warehouse_info WHERE key = '{AttendanceGraph.Schema.Rollups.RollupUnits.CurrentToKey}'"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(after);
    }

    private static readonly string[] V5Columns =
    [
        "ALTER TABLE pupils DROP COLUMN home_la_name", "ALTER TABLE pupils DROP COLUMN home_la_ukprn", "ALTER TABLE pupils DROP COLUMN home_la_code",
        "ALTER TABLE schools DROP COLUMN la_ukprn", "ALTER TABLE schools ALTER COLUMN la_code SET NOT NULL", "ALTER TABLE schools ALTER COLUMN laestab SET NOT NULL",
        $"DROP TABLE {AttendanceGraph.Schema.Rollups.RollupUnits.Table}",
        $"DELETE FROM warehouse_info WHERE key = '{AttendanceGraph.Schema.Rollups.RollupUnits.CurrentToKey}'",
        $"DROP TABLE {SchoolOpenDays.Table}",
    ];

    /// <summary>Rewrites a current warehouse in the version-4 layout: no home LA, no school LA UKPRN, every school with an LA code, no kept rollup units or open days.</summary>
    internal static void DowngradeToVersion4(DuckDBConnection c) => c.ExecuteAll(
    [
        .. V5Columns,
        "UPDATE warehouse_info SET value = '4' WHERE key = 'schema_version'",
    ]);

    /// <summary>Rewrites a current warehouse in the version-3 layout: pupils without characteristics.</summary>
    internal static void DowngradeToVersion3(DuckDBConnection c) => c.ExecuteAll(
    [
        .. V5Columns,
        "ALTER TABLE pupils DROP COLUMN resident",
        "ALTER TABLE pupils DROP COLUMN sen_need",
        "ALTER TABLE pupils DROP COLUMN eal",
        "ALTER TABLE pupils DROP COLUMN ethnicity",
        $"DROP TABLE {AttendanceGraph.Schema.Warehouse.CohortIntervals.Table}",
        $"DELETE FROM warehouse_info WHERE key = '{AttendanceGraph.Schema.Warehouse.CohortIntervals.DefinitionKey}'",
        "UPDATE warehouse_info SET value = '3' WHERE key = 'schema_version'",
    ]);

    /// <summary>Rewrites a current warehouse in the version-2 layout: schools without weekend_sessions.</summary>
    private static void DowngradeToVersion2(DuckDBConnection c) => c.ExecuteAll(
    [
        .. V5Columns,
        .. new[] { "ALTER TABLE pupils DROP COLUMN resident", "ALTER TABLE pupils DROP COLUMN sen_need", "ALTER TABLE pupils DROP COLUMN eal", "ALTER TABLE pupils DROP COLUMN ethnicity" },
        "ALTER TABLE schools DROP COLUMN weekend_sessions",
        // Versions before 4 had no materialised cohort intervals: the upgrade must not read the table.
        $"DROP TABLE {AttendanceGraph.Schema.Warehouse.CohortIntervals.Table}",
        $"DELETE FROM warehouse_info WHERE key = '{AttendanceGraph.Schema.Warehouse.CohortIntervals.DefinitionKey}'",
        "UPDATE warehouse_info SET value = '2' WHERE key = 'schema_version'",
    ]);

    /// <summary>Rewrites a current warehouse in the version-1 layout: a stored marks.category, wide aggregate tables.</summary>
    private static void DowngradeToVersion1(DuckDBConnection c)
    {
        DowngradeToVersion2(c);
        var categories = string.Concat(AttendanceGraph.Schema.Codes.CodeCatalogue.Instance.Codes.Select(k => $"WHEN {k.Id} THEN {(byte)k.Category} "));
        c.ExecuteAll(
        [
            "ALTER TABLE marks ADD COLUMN category UTINYINT",
            $"UPDATE marks SET category = CASE code_id {categories} END",
            .. AggregateTable.All.SelectMany(t => new[]
            {
                $"CREATE TABLE v1_{t.View} AS SELECT * FROM {t.View}",
                $"DROP VIEW {t.View}",
                $"DROP TABLE {t.Table}",
                $"ALTER TABLE v1_{t.View} RENAME TO {t.View}",
            }),
            "UPDATE warehouse_info SET value = '1' WHERE key = 'schema_version'",
        ]);
    }
}

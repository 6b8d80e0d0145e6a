using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using DuckDB.NET.Data;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Rollups;

/// <summary>
/// The school rollup is written in <see cref="SchoolRollup.RowOrder"/> (a kind's rows together, each school's together
/// within them), by both builds; a daily load's appended rows are counted, and once they reach half the table it is
/// written again in order, with the same rows and constraints.
/// </summary>
public sealed class RollupOrderTests
{
    [Fact]
    public void AFirstLoad_WritesTheRollupInRowOrder_InMemoryAndBySql()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        using (var c = w.Open())
        {
            Assert.True(Rows(c) > 50, "too few rows to show an order");
            Assert.Equal(0, OutOfOrder(c));
            Assert.Equal("0", Appended(c));
        }
        // The SQL build (what a daily load, or a first load the in-memory sums leave alone, runs), in full.
        Edit(w, c => SchoolRollup.Refresh(c, c.Scalar<int>("SELECT max(batch_id) FROM batches")));
        using (var c = w.Open())
        {
            Assert.Equal(0, OutOfOrder(c));
            EtlWarehouse.AssertRollupEqualsFullRebuild(c);
        }
    }

    [Fact]
    public void RowsAppendedOutOfOrder_AreCounted_AndTheTableIsWrittenInOrderAgainAtHalfItsSize()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        Edit(w, c =>
        {
            // As a run of daily loads leaves it: the same rows, not in order.
            ScrambleOrder(c);
            var rows = Rows(c);
            Assert.True(OutOfOrder(c) > 0);
            Assert.False(RollupOrder.Appended(c, rows / 4));
            Assert.Equal((rows / 4).ToString(), Appended(c));
            Assert.True(OutOfOrder(c) > 0);
            Assert.True(RollupOrder.Appended(c, rows / 4 + 1));
            Assert.Equal("0", Appended(c));
            Assert.Equal(0, OutOfOrder(c));
            Assert.Equal(rows, Rows(c));
            Assert.Empty(EtlWarehouse.Rows(c, $"SELECT column_name FROM (DESCRIBE {SchoolRollup.Table}) WHERE \"null\" = 'YES'"));
        });
        using var check = w.Open();
        EtlWarehouse.AssertRollupEqualsFullRebuild(check);
    }

    [Fact]
    public void ADailyLoad_CountsTheRowsItAppended()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        w.Load(w.WriteMarks(Path.Combine(w.NewFolder("correction"), "marks.csv"), [(P4, Beta, Days[7], "AM", "/")]));
        using var c = w.Open();
        // The rebuilt buckets are the day's week, month, half term, term and year: here most of a small table, so
        // either counted or, past half the table, written in order again.
        var appended = long.Parse(Appended(c)!);
        Assert.True(appended == 0 ? OutOfOrder(c) == 0 : appended * 2 < Rows(c));
        EtlWarehouse.AssertRollupEqualsFullRebuild(c);
    }

    private static long Rows(DuckDBConnection c) => c.Scalar<long>($"SELECT count(*) FROM {SchoolRollup.Table}");

    private static string? Appended(DuckDBConnection c) =>
        c.Scalar<string?>("SELECT value FROM warehouse_info WHERE key = $k", ("k", RollupOrder.AppendedKey));

    /// <summary>Rows, in the table's physical order, that sort before the row stored just before them.</summary>
    private static long OutOfOrder(DuckDBConnection c) => c.Scalar<long>(
        $"SELECT count(*) FROM (SELECT ROW({SchoolRollup.RowOrder}) AS k, lag(ROW({SchoolRollup.RowOrder})) OVER (ORDER BY rowid) AS previous " +
        $"FROM {SchoolRollup.Table}) WHERE k < previous");

    private static void ScrambleOrder(DuckDBConnection c) => c.ExecuteAll(
    [
        $"CREATE TEMP TABLE scrambled AS SELECT * FROM {SchoolRollup.Table}",
        $"DELETE FROM {SchoolRollup.Table}",
        $"INSERT INTO {SchoolRollup.Table} SELECT * FROM scrambled ORDER BY hash(urn, cohort, b_from)",
        "DROP TABLE scrambled",
    ]);

    private static void Edit(EtlWarehouse w, Action<DuckDBConnection> edit)
    {
        using var c = new DuckDBConnection(DuckDbSettings.ReadWrite(w.Paths.SnapshotPath(w.Current!)));
        c.Open();
        edit(c);
    }
}

using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Etl.Publish;
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
        w.EditCurrent(c => SchoolRollup.Refresh(c, c.Scalar<int>("SELECT max(batch_id) FROM batches")));
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
        w.EditCurrent(c =>
        {
            // As a run of daily loads leaves it: the same rows, not in order.
            ScrambleOrder(c);
            var rows = Rows(c);
            Assert.True(OutOfOrder(c) > 0);
            Assert.False(RollupOrder.SchoolRows.Appended(c, rows / 4));
            Assert.Equal((rows / 4).ToString(), Appended(c));
            Assert.True(OutOfOrder(c) > 0);
            Assert.True(RollupOrder.SchoolRows.Appended(c, rows / 4 + 1));
            Assert.Equal("0", Appended(c));
            Assert.Equal(0, OutOfOrder(c));
            Assert.Equal(rows, Rows(c));
            Assert.Empty(EtlWarehouse.Rows(c, $"SELECT column_name FROM (DESCRIBE {SchoolRollup.Table}) WHERE \"null\" = 'YES'"));
        });
        using var check = w.Open();
        EtlWarehouse.AssertRollupEqualsFullRebuild(check);
    }

    [Fact]
    public void ADailyLoad_CountsTheRowsItAppended_AndAFullRebuildOverRowsWritesTheTableInOrder()
    {
        using var w = new EtlWarehouse();
        // A generated LA whose year is many weeks, so one day's rebuilt buckets are well under half the table.
        LoadSmallGeneratedLa(w);
        string upn;
        int urn;
        DateOnly day;
        using (var c = w.Open())
        {
            using var r = c.Rows("SELECT p.upn, m.urn, m.date FROM marks m JOIN pupils p USING (pupil_id) WHERE m.session = 0 ORDER BY m.date DESC, m.urn, p.upn LIMIT 1").First();
            (upn, urn, day) = (r.GetString(0), r.GetInt32(1), DateOnly.FromDateTime(r.GetDateTime(2)));
        }
        w.EditCurrent(ScrambleOrder); // as a run of daily loads leaves it
        w.Load(w.WriteMarks(Path.Combine(w.NewFolder("correction"), "marks.csv"), [(upn, urn, day, "AM", "O")]));
        using (var c = w.Open())
        {
            // The rebuilt buckets are those overlapping the corrected day's week: its week (or week parts), month, half term,
            // term and year.
            var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
            var rebuilt = c.Scalar<long>($"SELECT count(*) FROM {SchoolRollup.Table} WHERE b_from <= $sunday AND b_to >= $monday",
                ("monday", monday), ("sunday", monday.AddDays(6)));
            Assert.True(rebuilt > 0 && rebuilt * 2 < Rows(c), $"{rebuilt} of {Rows(c)} rows rebuilt");
            Assert.Equal(rebuilt.ToString(), Appended(c));
            Assert.True(OutOfOrder(c) > 0);
            EtlWarehouse.AssertRollupEqualsFullRebuild(c);
        }
        // A full build over rows already there (an upgrade, units no load kept) writes the whole table in order.
        w.EditCurrent(c =>
        {
            SchoolRollup.Refresh(c, c.Scalar<int>("SELECT max(batch_id) FROM batches"));
            Assert.Equal(0, OutOfOrder(c));
            Assert.Equal("0", Appended(c));
            // Written afresh, not appended after the deleted rows (whose row groups would still be read).
            Assert.Equal(0, c.Scalar<long>($"SELECT min(rowid) FROM {SchoolRollup.Table}"));
        });
    }

    [Fact]
    public void ThePositions_AreWrittenInTheirRowOrder_ByAFirstLoad_AFullRanking_AndARewrite()
    {
        using var w = new EtlWarehouse();
        LoadSmallGeneratedLa(w);
        using (var c = w.Open())
        {
            Assert.True(c.Scalar<long>($"SELECT count(*) FROM {PeerPositions.Table}") > 50, "too few positions to show an order");
            Assert.Equal(0, PositionsOutOfOrder(c)); // ranked in memory beside the rollup's write
        }
        w.EditCurrent(c =>
        {
            // Ranked from the rollup by SQL, as a change of rules, phases or a missing table has it.
            var path = c.DataSource;
            Assert.True(PeerPositionsRefresh.Run(c, () => Open(path), RollupRewrite.Every) > 50);
            Assert.Equal(0, PositionsOutOfOrder(c));
            // As a run of daily loads' appended rows leaves it, then written again in order.
            c.ExecuteAll(
            [
                $"CREATE TEMP TABLE scrambled AS SELECT * FROM {PeerPositions.Table}",
                $"DELETE FROM {PeerPositions.Table}",
                $"INSERT INTO {PeerPositions.Table} SELECT * FROM scrambled ORDER BY hash(urn, cohort, b_from)",
                "DROP TABLE scrambled",
            ]);
            Assert.True(PositionsOutOfOrder(c) > 0);
            RollupOrder.PeerPositions.Rewrite(c);
            Assert.Equal(0, PositionsOutOfOrder(c));
        });
        using var check = w.Open();
        EtlWarehouse.AssertPeerPositionsEqualFullRanking(check);
    }

    /// <summary>Four schools, 200 pupils, a year to 31 March 2026: many weeks, and enough positions to show an order.</summary>
    private static void LoadSmallGeneratedLa(EtlWarehouse w)
    {
        var la = w.NewFolder("la");
        new DemoAuthorityGenerator().Generate(new GeneratorOptions { Schools = 4, Pupils = 200, Years = 1, Seed = 3, AsOf = new DateOnly(2026, 3, 31) }, la);
        w.Load(la);
    }

    private static DuckDBConnection Open(string path)
    {
        var c = new DuckDBConnection($"Data Source={path}");
        c.Open();
        return c;
    }

    /// <summary>Positions, in the table's physical order, that sort before the row stored just before them.</summary>
    private static long PositionsOutOfOrder(DuckDBConnection c) => c.Scalar<long>(
        $"SELECT count(*) FROM (SELECT ROW({PeerPositions.RowOrder}) AS k, lag(ROW({PeerPositions.RowOrder})) OVER (ORDER BY rowid) AS previous " +
        $"FROM {PeerPositions.Table}) WHERE k < previous");

    private static long Rows(DuckDBConnection c) => c.Scalar<long>($"SELECT count(*) FROM {SchoolRollup.Table}");

    private static string? Appended(DuckDBConnection c) =>
        c.Scalar<string?>("SELECT value FROM warehouse_info WHERE key = $k", ("k", RollupOrder.SchoolRows.AppendedKey));

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
}

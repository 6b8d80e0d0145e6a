using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Measures;

/// <summary>
/// A unit's session-key contribution is written twice, as SQL for queries and refreshes and in .NET for a first load's
/// rollup (FirstLoadRollup); a cell's key is the sum of its units' contributions, so the two must agree on every unit.
/// </summary>
public sealed class SessionKeyContributionTests
{
    [Fact]
    public void DotNetContribution_EqualsTheSqlContribution_ForEveryRecordKeyAndVariedSessions()
    {
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        var columns = SchoolRollup.SessionColumns;
        c.Execute($"CREATE TABLE units (k INTEGER, {string.Join(", ", columns.Select(s => $"{s.Name} BIGINT"))})");
        var random = new Random(7);
        var units = Enumerable.Range(0, 2_000).Select(i => (Key: i % 256, Sessions: columns.Select(_ => (long)random.Next(i < 1_000 ? 15 : 400)).ToArray())).ToList();
        foreach (var chunk in units.Chunk(500))
            c.Execute($"INSERT INTO units VALUES {string.Join(", ", chunk.Select(u => $"({u.Key}, {string.Join(", ", u.Sessions)})"))}");

        var sql = c.Rows($"SELECT {SessionKeySql.Contribution("k", s => s.Name)} FROM units ORDER BY rowid").Select(r => Convert.ToInt32(r.GetValue(0))).ToList();

        Assert.Equal(units.Select(u => SessionKeySql.Contribution(u.Key, u.Sessions)), sql);
        Assert.True(sql.Distinct().Count() > 200, "contributions spread over 0–255");
    }

    [Fact]
    public void DotNetContribution_EqualsTheSql_AtLargeCounts_AndRefusesANegativeOne()
    {
        // .NET steps in unsigned arithmetic: equal to the SQL's signed steps for counts up to 2^31 (far past any real one), refused below zero.
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        var columns = SchoolRollup.SessionColumns;
        long[][] units = [[.. columns.Select(_ => 0L)], [.. columns.Select((_, i) => (long)int.MaxValue - i)], [.. columns.Select((_, i) => 1_000_000L * i)]];
        foreach (var (unit, key) in units.Select((u, i) => (u, i * 127)))
        {
            var sql = c.Scalar<long>($"SELECT {SessionKeySql.Contribution("k", s => s.Name)} FROM (SELECT {key} AS k, {string.Join(", ", columns.Select((s, i) => $"{unit[i]}::BIGINT AS {s.Name}"))})");
            Assert.Equal(sql, SessionKeySql.Contribution(key, unit));
        }
        long[] negative = [.. columns.Select((_, i) => i == 3 ? -1L : 2L)];
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionKeySql.Contribution(1, negative));
    }
}

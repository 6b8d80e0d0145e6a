using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Schema;

/// <summary>
/// The aggregate tables store their 40 counts as 4-bit fields of a few words and read them back through views:
/// every field must come back exactly, with no count bleeding into its neighbour.
/// </summary>
public class PackedCountsTests
{
    private static DuckDBConnection EmptyWarehouse()
    {
        var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        c.ExecuteAll(WarehouseSchema.Statements);
        return c;
    }

    /// <summary>One row of an aggregate as <see cref="AggregateSql"/> shapes it, with count column i set to value(i).</summary>
    private static string Row(AggregateTable table, Func<int, int> value) =>
        $"SELECT {(table.HasCohort ? "'FSM' AS cohort, " : "")}100001 AS urn, 7 AS pupil_id, DATE '2025-09-29' AS week_start, DATE '2025-10-01' AS month, " +
        "DATE '2025-10-01' AS frag_start, 2025::SMALLINT AS academic_year, TRUE AS compulsory, " +
        string.Join(", ", WarehouseSchema.CountColumns.Select((col, i) => $"{value(i)}::UTINYINT AS {col}"));

    public static TheoryData<string, int> Patterns => new()
    {
        { "every count at the fragment maximum of 14", 0 },
        { "each field a different value, 0–15", 1 },
        { "alternating 15 and 0", 2 },
        { "15 in each word's top field (bit 60), 1 elsewhere", 3 },
    };

    private static int Pattern(int pattern, int i) => pattern switch
    {
        0 => 14,
        1 => (i * 7 + 3) % 16,
        2 => i % 2 == 0 ? PackedCounts.MaxCount : 0,
        _ => PackedCounts.Field(i).Shift == 60 ? PackedCounts.MaxCount : 1,
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void EveryCountColumn_ComesBackExactly_FromBothAggregateViews(string pattern, int kind)
    {
        _ = pattern;
        using var c = EmptyWarehouse();
        foreach (var table in AggregateTable.All)
        {
            var row = Row(table, i => Pattern(kind, i));
            c.Execute(table.InsertSql(row));
            Assert.Equal(EtlRow(c, row), EtlRow(c, $"SELECT * FROM {table.View}"));
        }
    }

    [Fact]
    public void TheViews_DeriveWeekMonthAndAcademicYear_FromTheFragmentStart()
    {
        using var c = EmptyWarehouse();
        c.Execute(AggregateTable.Enrolments.InsertSql(Row(AggregateTable.Enrolments, _ => 1)));
        Assert.Equal("2025-09-29|2025-10-01|2025", c.Scalar<string>(
            "SELECT week_start::VARCHAR || '|' || month::VARCHAR || '|' || academic_year::VARCHAR FROM agg_enrolment_week"));
    }

    [Fact]
    public void ACountThatDoesNotFitItsField_StopsTheInsert_RatherThanCorruptingItsNeighbour()
    {
        using var c = EmptyWarehouse();
        var e = Assert.ThrowsAny<DuckDBException>(() => c.Execute(AggregateTable.Enrolments.InsertSql(Row(AggregateTable.Enrolments, i => i == 5 ? 16 : 0))));
        Assert.Contains($"{WarehouseSchema.CountColumns[5]} over {PackedCounts.MaxCount}", e.Message);
        Assert.Equal(0, c.Scalar<long>("SELECT count(*) FROM enrolment_week_counts"));
    }

    [Fact]
    public void FortyCounts_FitInThreeWords()
    {
        Assert.Equal(40, WarehouseSchema.CountColumns.Count);
        Assert.Equal(["counts_1", "counts_2", "counts_3"], PackedCounts.Words);
        Assert.Equal((2, 28), PackedCounts.Field(39));
    }

    private static string EtlRow(DuckDBConnection c, string sql) => string.Join("\n", Fixtures.EtlWarehouse.Rows(c, sql));
}

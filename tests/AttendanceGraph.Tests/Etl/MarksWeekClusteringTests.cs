using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// Marks are stored clustered by school week, whatever order the files list them in, so a query for a few days reads
/// only that week's row groups (DuckDB skips a row group by its stored date range): a row group holds one week, or
/// (the remainders, under a row group a week) a run of consecutive weeks. So the weeks the row groups span add up to
/// at most one per row group plus one per week; in file order each of them spans nearly every week.
/// 1,500 pupils to mid-December make two row groups (122,880 rows each): too few marks a week to fill a row group, so
/// this proves the date-ordered remainders, not the one-week row groups handed over while streaming (a test of those
/// needs a week of 122,880 marks, ~12,000 pupils; the 38 M-mark benchmark warehouse has them: docs/aggregates.md).
/// </summary>
public sealed class MarksWeekClusteringTests
{
    [Fact]
    public void AFirstLoadOfSchoolOrderedFiles_StoresEachRowGroupOfMarksWithinOneWeek()
    {
        using var warehouse = new EtlWarehouse();
        var input = warehouse.NewFolder("generated");
        new DemoAuthorityGenerator().Generate(new GeneratorOptions
        {
            Schools = 3, Pupils = 1500, Years = 1, Seed = 5, AsOf = new DateOnly(2025, 12, 12),
        }, input);
        warehouse.Load(input);
        using var c = warehouse.Open();
        AssertClusteredByWeek(c);
        // Every mark is still there, once.
        Assert.Equal(File.ReadLines(Path.Combine(input, "marks.csv")).Count() - 1, c.Scalar<long>("SELECT count(*) FROM marks"));
        Assert.Equal(c.Scalar<long>("SELECT count(*) FROM (SELECT DISTINCT urn, pupil_id, date, session FROM marks)"), c.Scalar<long>("SELECT count(*) FROM marks"));
    }

    private static void AssertClusteredByWeek(DuckDB.NET.Data.DuckDBConnection c)
    {
        var rowGroups = RowGroupDateRanges(c);
        Assert.True(rowGroups.Count >= 2, $"{rowGroups.Count} row group(s): too few to show an order");
        // Calendar weeks from the first mark to the last: a run of consecutive weeks may span a holiday week with no marks.
        var weeks = c.Scalar<long>($"SELECT ({WarehouseSchema.WeekStartSql("max(date)")} - {WarehouseSchema.WeekStartSql("min(date)")}) // 7 + 1 FROM marks");
        var spanned = rowGroups.Sum(g => (Monday(g.Max).DayNumber - Monday(g.Min).DayNumber) / 7 + 1);
        Assert.True(spanned <= rowGroups.Count + weeks, $"{rowGroups.Count} row groups over {weeks} weeks span {spanned} weeks between them");
    }

    private static DateOnly Monday(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));

    private static List<(DateOnly Min, DateOnly Max)> RowGroupDateRanges(DuckDB.NET.Data.DuckDBConnection c) =>
        c.Rows("""
            SELECT min(regexp_extract(stats, 'Min: ([0-9-]+)', 1))::DATE, max(regexp_extract(stats, 'Max: ([0-9-]+)', 1))::DATE
            FROM pragma_storage_info('marks') WHERE column_name = 'date' AND segment_type = 'DATE'
            GROUP BY row_group_id
            """).Select(r => (r.GetFieldValue<DateOnly>(0), r.GetFieldValue<DateOnly>(1))).ToList();
}

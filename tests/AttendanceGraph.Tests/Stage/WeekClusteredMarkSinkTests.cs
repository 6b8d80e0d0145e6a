using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Stage;

/// <summary>
/// What the marks' sinks still hold when the stream ends (under a row group a week) is appended through every sink's
/// appender at once, and still lies in row groups of consecutive weeks.
/// </summary>
public sealed class WeekClusteredMarkSinkTests
{
    private const int Weeks = 20, RowsAWeekASink = 9_000;

    /// <summary>A new warehouse file with the marks table, and two sinks appending to it on connections of their own, as two parser threads have.</summary>
    private static (DuckDBConnection Warehouse, List<MarkAppenderSink> Appenders, List<WeekClusteredMarkSink> Sinks) TwoSinks(TempDirectory folder)
    {
        var path = folder.Sub("marks.duckdb");
        var c = new DuckDBConnection(DuckDbSettings.ReadWrite(path));
        c.Open();
        c.ExecuteAll(WarehouseSchema.Statements);
        var appenders = Enumerable.Range(0, 2).Select(_ =>
        {
            var other = new DuckDBConnection(DuckDbSettings.ReadWrite(path));
            other.Open();
            return new MarkAppenderSink(other, batchId: 1, "marks");
        }).ToList();
        return (c, appenders, appenders.Select(a => new WeekClusteredMarkSink(a)).ToList());
    }

    [Fact]
    public void TheWeeksLeftAtTheEnd_AreAppendedThroughBothAppenders_InRowGroupsOfConsecutiveWeeks()
    {
        using var folder = new TempDirectory();
        var (c, appenders, sinks) = TwoSinks(folder);
        using var _ = c;
        var monday = new DateOnly(2025, 9, 1);
        var pupil = 0;
        // Each sink gets part of every week, as each parser thread does of a file in school order.
        for (var w = 0; w < Weeks; w++)
            for (var r = 0; r < RowsAWeekASink; r++)
                foreach (var (sink, s) in sinks.Select((sink, s) => (sink, s)))
                    sink.Add(100_000 + s, ++pupil, monday.AddDays(7 * w + r % 5), (byte)(r % 2), 1);

        WeekClusteredMarkSink.CloseAll(sinks);
        foreach (var s in sinks) s.Dispose();
        c.Execute("CHECKPOINT");

        const long all = 2L * Weeks * RowsAWeekASink;
        Assert.Equal(all, c.Scalar<long>("SELECT count(*) FROM marks"));
        Assert.Equal(all, c.Scalar<long>("SELECT count(DISTINCT pupil_id) FROM marks"));
        var groups = c.Rows("""
            SELECT min(regexp_extract(stats, 'Min: ([0-9-]+)', 1))::DATE, max(regexp_extract(stats, 'Max: ([0-9-]+)', 1))::DATE
            FROM pragma_storage_info('marks') WHERE column_name = 'date' AND segment_type = 'DATE'
            GROUP BY row_group_id
            """).Select(r => (Min: r.GetFieldValue<DateOnly>(0), Max: r.GetFieldValue<DateOnly>(1))).ToList();
        Assert.Equal(3, groups.Count);
        // In date order a row group of 122,880 marks spans 7 weeks at 18,000 marks a week (8 when it starts mid-week),
        // and the three together at most the 20 weeks plus one per boundary. Two runs each ending in part of a row group
        // shared one row group between the runs' last weeks, 14 weeks apart.
        var spanned = groups.Sum(g => (g.Max.DayNumber - g.Min.DayNumber) / 7 + 1);
        Assert.True(spanned <= Weeks + groups.Count - 1, $"{groups.Count} row groups over {Weeks} weeks span {spanned} weeks between them");
        // Both appenders wrote; the first whole row groups only, so only the last run ends in part of one.
        Assert.Equal(ColumnarAppender.RowGroupSize, appenders[0].Count);
        Assert.Equal(all - ColumnarAppender.RowGroupSize, appenders[1].Count);
    }

    /// <summary>Every run but the last is whole row groups; one sink takes everything; leftovers under a row group all go to the last run.</summary>
    [Theory]
    [InlineData(180_000, 1, new long[] { 0, 180_000 })]
    [InlineData(360_000, 2, new long[] { 0, 122_880, 360_000 })]
    [InlineData(540_000, 3, new long[] { 0, 122_880, 245_760, 540_000 })]
    [InlineData(1_080_000, 4, new long[] { 0, 245_760, 491_520, 737_280, 1_080_000 })]
    [InlineData(600, 3, new long[] { 0, 0, 0, 600 })]
    [InlineData(0, 2, new long[] { 0, 0, 0 })]
    public void TheRuns_AreWholeRowGroupsButTheLast(long rows, int parts, long[] cuts) =>
        Assert.Equal(cuts, WeekClusteredMarkSink.Cuts(rows, parts));

    /// <summary>A run that fails is thrown as itself, not wrapped in an AggregateException, so the load reports its cause.</summary>
    [Fact]
    public void ARunThatFails_IsThrownAsItself()
    {
        using var folder = new TempDirectory();
        var (c, appenders, sinks) = TwoSinks(folder);
        using var _ = c;
        for (var r = 0; r < 2 * ColumnarAppender.RowGroupSize; r++) sinks[r % 2].Add(100_000, r, new DateOnly(2025, 9, 1).AddDays(7 * (r % 20)), 0, 1);
        appenders[1].Dispose(); // the second run's appender is gone: its first row fails

        Assert.Throws<ObjectDisposedException>(() => WeekClusteredMarkSink.CloseAll(sinks));
        appenders[0].Dispose();
    }
}

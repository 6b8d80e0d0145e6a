using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>One published batch: when it was loaded and the day the warehouse's registers reached with it.</summary>
public sealed record LoadCoverage(int BatchId, DateTime LoadedAt, DateOnly? MarksTo);

/// <summary>
/// The day each batch's registers reached: the latest mark on or before the load day in the warehouse once the batch was
/// loaded. "Since the previous load" compares the current snapshot with the day the previous batch reached, and that day
/// cannot be recovered later from the marks: marks carry only the batch that last wrote them (a later batch replaces an
/// amended mark, and a school that resends its week takes every mark of it), so it is recorded at the load.
/// Created IF NOT EXISTS by every load: an older warehouse gains it on its next load, and batches before that have no row.
/// </summary>
public static class BatchCoverage
{
    public const string Table = "batch_coverage";

    public const string CreateTableSql = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
          batch_id INTEGER PRIMARY KEY,
          marks_to DATE)
        """;

    /// <summary>
    /// Records the batch's day. Marks dated after the load day (a planned closure entered ahead) are not registers taken,
    /// so they do not move it.
    /// </summary>
    public static void Record(DuckDBConnection c, int batchId)
    {
        // The day rarely moves back, so the scan starts at the previous batch's day (the marks are clustered by week, so zone
        // maps skip the rest: 0.1 s a daily load at 38 M marks otherwise); none found from there means marks were withdrawn,
        // and the whole table answers.
        const string latest = "SELECT max(date) FROM marks WHERE date <= current_date AND date >= $from";
        var previous = Day(c, $"SELECT max(marks_to) FROM {Table} WHERE batch_id = (SELECT max(batch_id) FROM {Table})");
        var day = (previous is { } from ? Day(c, latest, ("from", from)) : null) ?? Day(c, latest, ("from", DateOnly.MinValue));
        c.Execute($"INSERT INTO {Table} VALUES ($id, $day)", ("id", batchId), ("day", day));
    }

    private static DateOnly? Day(DuckDBConnection c, string sql, params (string, object?)[] parameters) =>
        c.Rows(sql, parameters).Select(r => r.IsDBNull(0) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(0)).Single();

    /// <summary>The latest <paramref name="count"/> batches, newest first (MarksTo null for a batch loaded before the day was recorded).</summary>
    public static IReadOnlyList<LoadCoverage> Latest(DuckDBConnection c, int count)
    {
        var join = WarehouseTables.Has(c, Table)
            ? $"SELECT b.batch_id, b.loaded_at, cv.marks_to FROM batches b LEFT JOIN {Table} cv USING (batch_id)"
            : "SELECT batch_id, loaded_at, NULL::DATE AS marks_to FROM batches";
        return c.Rows($"{join} ORDER BY batch_id DESC LIMIT $n", ("n", count))
            .Select(r => new LoadCoverage(r.GetInt32(0), r.GetDateTime(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2)))
            .ToList();
    }
}

using System.Globalization;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Rollups;

/// <summary>
/// Keeps the school rollup in <see cref="SchoolRollup.RowOrder"/>, on which a school's query reads about one row group.
/// A full build writes it in order. A daily load deletes the buckets it rebuilds (its week, month, half term, term and
/// year) and appends their new rows, in order among themselves but after everything else; the deleted rows' row groups
/// still say they hold those kinds, so each day's run of rows is one more row group a school's query of that kind reads.
/// When the rows appended since the table was last in order reach half its size, it is written again in order. A rewrite
/// costs the table's size, but comes once per half a table of new rows, so spread over the loads it follows their new
/// rows, not the warehouse's size. A full build over rows already there is written again in order at once. The rewrite
/// runs on the load's working copy of the snapshot, so the API never sees the table dropped and renamed.
/// </summary>
public static class RollupOrder
{
    /// <summary>The warehouse_info key counting the rows appended out of order since the table was last in order.</summary>
    public const string AppendedKey = "rollup_rows_appended";

    /// <summary>The whole table was just written in order.</summary>
    public static void Written(DuckDBConnection c) => Set(c, 0);

    /// <summary>
    /// A partial refresh appended <paramref name="rows"/> rows: the count grows, and the table is written again in order
    /// once it reaches half the table. Returns whether it was.
    /// </summary>
    public static bool Appended(DuckDBConnection c, long rows)
    {
        var appended = rows + (long.TryParse(c.Scalar<string?>("SELECT value FROM warehouse_info WHERE key = $k", ("k", AppendedKey)),
            NumberStyles.None, CultureInfo.InvariantCulture, out var before) ? before : 0);
        if (appended * 2 < c.Scalar<long>($"SELECT count(*) FROM {SchoolRollup.Table}"))
        {
            Set(c, appended);
            return false;
        }
        Rewrite(c);
        return true;
    }

    /// <summary>The table written again in order, under its own name (nothing depends on it but the measure queries).</summary>
    public static void Rewrite(DuckDBConnection c)
    {
        const string ordered = SchoolRollup.Table + "_ordered";
        c.ExecuteAll(
        [
            $"DROP TABLE IF EXISTS {ordered}",
            SchoolRollup.CreateTableSql.Replace($"CREATE TABLE IF NOT EXISTS {SchoolRollup.Table}", $"CREATE TABLE {ordered}"),
            $"INSERT INTO {ordered} SELECT * FROM {SchoolRollup.Table} ORDER BY {SchoolRollup.RowOrder}",
            $"DROP TABLE {SchoolRollup.Table}",
            $"ALTER TABLE {ordered} RENAME TO {SchoolRollup.Table}",
        ]);
        Set(c, 0);
    }

    private static void Set(DuckDBConnection c, long appended) => c.ExecuteAll(
    [
        $"DELETE FROM warehouse_info WHERE key = '{AppendedKey}'",
        $"INSERT INTO warehouse_info VALUES ('{AppendedKey}', '{appended.ToString(CultureInfo.InvariantCulture)}')",
    ]);
}

using System.Globalization;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Rollups;

/// <summary>
/// Keeps a rollup table in its row order (<see cref="SchoolRollup.RowOrder"/>, <see cref="PeerPositions.RowOrder"/>), on
/// which a school's query reads about one row group.
/// A full build writes it in order. A daily load deletes the buckets it rebuilds (its week, month, half term, term and
/// year) and appends their new rows, in order among themselves but after everything else; the deleted rows' row groups
/// still say they hold those kinds, so each day's run of rows is one more row group a school's query of that kind reads.
/// When the rows appended since the table was last in order reach half its size, it is written again in order. A rewrite
/// costs the table's size, but comes once per half a table of new rows, so spread over the loads it follows their new
/// rows, not the warehouse's size. A full build over rows already there is written again in order at once. The rewrite
/// runs on the load's working copy of the snapshot, so the API never sees the table dropped and renamed.
/// </summary>
public sealed class RollupOrder
{
    /// <summary>The school rollup (<see cref="SchoolRollup"/>).</summary>
    public static RollupOrder SchoolRows { get; } = new(SchoolRollup.Table, () => SchoolRollup.CreateTableSql, SchoolRollup.RowOrder, "rollup_rows_appended");

    /// <summary>The schools' positions among their phase (<see cref="Rollups.PeerPositions"/>).</summary>
    public static RollupOrder PeerPositions { get; } =
        new(Rollups.PeerPositions.Table, () => Rollups.PeerPositions.CreateTableSql, Rollups.PeerPositions.RowOrder, "peer_positions_rows_appended");

    private readonly string table;
    private readonly Func<string> createTableSql;
    private readonly string rowOrder;

    private RollupOrder(string table, Func<string> createTableSql, string rowOrder, string appendedKey)
    {
        this.table = table;
        this.createTableSql = createTableSql;
        this.rowOrder = rowOrder;
        AppendedKey = appendedKey;
    }

    /// <summary>The warehouse_info key counting the rows appended out of order since the table was last in order.</summary>
    public string AppendedKey { get; }

    /// <summary>The whole table was just written in order.</summary>
    public void Written(DuckDBConnection c) => Set(c, 0);

    /// <summary>
    /// A partial refresh appended <paramref name="rows"/> rows: the count grows, and the table is written again in order
    /// once it reaches half the table. Returns whether it was.
    /// </summary>
    public bool Appended(DuckDBConnection c, long rows)
    {
        var appended = rows + (long.TryParse(c.Scalar<string?>("SELECT value FROM warehouse_info WHERE key = $k", ("k", AppendedKey)),
            NumberStyles.None, CultureInfo.InvariantCulture, out var before) ? before : 0);
        if (appended * 2 < c.Scalar<long>($"SELECT count(*) FROM {table}"))
        {
            Set(c, appended);
            return false;
        }
        Rewrite(c);
        return true;
    }

    /// <summary>The table written again in order, under its own name (nothing depends on it but the measure queries).</summary>
    public void Rewrite(DuckDBConnection c)
    {
        var ordered = table + "_ordered";
        c.ExecuteAll(
        [
            $"DROP TABLE IF EXISTS {ordered}",
            createTableSql().Replace($"CREATE TABLE IF NOT EXISTS {table}", $"CREATE TABLE {ordered}"),
            $"INSERT INTO {ordered} SELECT * FROM {table} ORDER BY {rowOrder}",
            $"DROP TABLE {table}",
            $"ALTER TABLE {ordered} RENAME TO {table}",
        ]);
        Set(c, 0);
    }

    private void Set(DuckDBConnection c, long appended) => c.ExecuteAll(
    [
        $"DELETE FROM warehouse_info WHERE key = '{AppendedKey}'",
        $"INSERT INTO warehouse_info VALUES ('{AppendedKey}', '{appended.ToString(CultureInfo.InvariantCulture)}')",
    ]);
}

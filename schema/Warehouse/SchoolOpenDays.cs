using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// The days each school was open, as its marks show them (a day with at least one mark at the school): what ageing an
/// N code in school days and finding a pupil's school weeks (the penalty-notice window) count. Computed inline it was
/// a DISTINCT over every mark of the year for each pupil-level page (2.2 s of a Virtual School pupil list at 38 M
/// marks, loaded machine); the table is about 200 rows per school per year. A load rewrites the days of the weeks its
/// marks touched, and every day on a first load.
/// </summary>
public static class SchoolOpenDays
{
    public const string Table = "school_open_days";

    /// <summary>The definition: the table holds exactly its rows (tested after every incremental load).</summary>
    public const string Sql = "SELECT DISTINCT urn, date FROM marks";

    /// <summary>The definition as a parenthesised source, for a snapshot published before the table, and tests' reference.</summary>
    public const string Inline = $"({Sql})";

    public const string CreateTableSql = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
          urn INTEGER NOT NULL,
          date DATE NOT NULL)
        """;

    /// <summary>
    /// Brings the table up to date with the marks: every day when <paramref name="everyDay"/> (a first load) or when it is
    /// empty (a warehouse from before it), else the days of the dirty weeks (stage_dirty_weeks), which marks are
    /// clustered by, so the scan reads only those weeks.
    /// </summary>
    public static void Refresh(DuckDBConnection c, bool everyDay)
    {
        if (everyDay || c.Scalar<long>($"SELECT count(*) FROM (SELECT 1 FROM {Table} LIMIT 1)") == 0)
        {
            c.ExecuteAll([$"DELETE FROM {Table}", $"INSERT INTO {Table} {Sql} ORDER BY urn, date"]);
            return;
        }
        if (WeekRange.Of(c, "stage_dirty_weeks") is not var (from, to)) return;
        var within = $"date BETWEEN {WeekRange.Literal(from)} AND {WeekRange.Literal(to)}";
        c.ExecuteAll([$"DELETE FROM {Table} WHERE {within}", $"INSERT INTO {Table} {Sql} WHERE {within} ORDER BY urn, date"]);
    }

    /// <summary>What a query in <paramref name="connection"/>'s snapshot reads: the table, or before it existed the definition.</summary>
    public static string In(DuckDBConnection connection) => WarehouseTables.Has(connection, Table) ? Table : Inline;
}

using System.Collections.Concurrent;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// Whether a warehouse holds a table added after some snapshots were published (the school rollup, session totals):
/// a snapshot published before it existed answers without it until the next load writes it.
/// </summary>
public static class WarehouseTables
{
    // Snapshots are immutable once published, so a file that has the table is remembered; one without it (published
    // earlier, in memory, or still being built) is asked again, since it can gain the table.
    private static readonly ConcurrentDictionary<(string File, string Table), bool> Known = new();

    public static bool Has(DuckDBConnection connection, string table)
    {
        var file = connection.DataSource;
        if (Known.ContainsKey((file, table))) return true;
        var has = connection.Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = $t", ("t", table)) > 0;
        if (has && !string.IsNullOrEmpty(file) && file != ":memory:") Known[(file, table)] = true;
        return has;
    }
}

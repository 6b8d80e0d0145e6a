using System.Diagnostics;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Benchmarks.Measurement;

/// <summary>
/// DuckDB's own CSV reader as the yardstick of a load: the files copied into a plain table in a new file with the ETL's
/// session settings, then checkpointed; the rows are counted after the clock stops.
/// </summary>
public static class DuckDbCopy
{
    /// <param name="createTable">The table's CREATE statement (our own text; its name is <paramref name="table"/>).</param>
    /// <param name="source">A CSV path or glob in the benchmark's own cache.</param>
    public static double Milliseconds(string dbPath, string table, string createTable, string source, long expectedRows)
    {
        var clock = Stopwatch.StartNew();
        double elapsed;
        using (var c = new DuckDBConnection(DuckDbSettings.ReadWrite(dbPath)))
        {
            c.Open();
            c.ExecuteAll(DuckDbSettings.SessionStatements(new LoadOptions().MemoryLimit));
            c.Execute(createTable);
            // COPY takes no parameters: the path is the benchmark's own cache, quoted as a literal.
            c.Execute($"COPY {table} FROM '{source.Replace("'", "''")}' (HEADER)");
            c.Execute("CHECKPOINT");
            elapsed = clock.Elapsed.TotalMilliseconds;
            var rows = c.Scalar<long>($"SELECT count(*) FROM {table}");
            if (rows != expectedRows) throw new InvalidOperationException($"COPY loaded {rows:N0} rows, expected {expectedRows:N0}");
        }
        return elapsed;
    }
}

using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Stage;

/// <summary>
/// Runs a bulk append with DuckDB at one worker thread. Each appender commit is run as an insert query, which DuckDB
/// splits across its workers: on 2 cores those compete with our own appending threads, and each worker's share is a
/// part row group that is appended a second time when the shares are combined (its statistics hashed twice). With
/// one DuckDB thread a commit is one full row group, written once (38M marks: staging 6.7 → 4.8 s). The setting is
/// the whole database's, so it wraps appends only, never the load's queries that need DuckDB's threads (the dimensions,
/// staged beside the marks on another connection, run their small statements at one thread meanwhile).
/// </summary>
public static class OneDuckDbThread
{
    public static T Run<T>(DuckDBConnection connection, Func<T> bulkAppend)
    {
        var previous = connection.Scalar<long>("SELECT current_setting('threads')");
        connection.Execute("SET threads = 1");
        var result = bulkAppend();
        // Restored after success only: a failed load's database is thrown away, and after a fatal DuckDB error a
        // restore would fail too and hide the error that mattered. The number is DuckDB's own: SET takes no parameters.
        connection.Execute($"SET threads = {previous}");
        return result;
    }

    public static void Run(DuckDBConnection connection, Action bulkAppend) => Run(connection, () =>
    {
        bulkAppend();
        return true;
    });
}

using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Stage;

/// <summary>
/// Runs a bulk append with DuckDB at one worker thread. Each appender commit is run as an insert query, which DuckDB
/// splits across its workers: on 2 cores those compete with our own appending threads, and each worker's share is a
/// part row group that is appended a second time when the shares are combined (its statistics hashed twice). With
/// one DuckDB thread a commit is one full row group, written once (38M marks: staging 6.7 → 4.8 s). The setting is
/// the whole database's, so it wraps appends only, never the load's queries that need DuckDB's threads (the dimensions,
/// staged beside the marks on another connection, run their small statements at one thread meanwhile; so do the few
/// small reads at the start of a first totals load's count, which <c>SessionTotalsAppendBeside</c> holds at one thread).
/// </summary>
public static class OneDuckDbThread
{
    public static T Run<T>(DuckDBConnection connection, Func<T> bulkAppend)
    {
        var previous = Enter(connection);
        var result = bulkAppend();
        // Restored after success only: a failed load's database is thrown away, and after a fatal DuckDB error a
        // restore would fail too and hide the error that mattered. The number is DuckDB's own: SET takes no parameters.
        Leave(connection, previous);
        return result;
    }

    /// <summary>
    /// Sets one DuckDB thread for appends that run beside other work until <see cref="Leave"/> (the setting is the database's,
    /// so two overlapping <see cref="Run"/>s would restore each other's value in whichever order they end). Returns the
    /// number to restore.
    /// </summary>
    public static long Enter(DuckDBConnection connection)
    {
        var previous = connection.Scalar<long>("SELECT current_setting('threads')");
        connection.Execute("SET threads = 1");
        return previous;
    }

    /// <summary>Restores what <see cref="Enter"/> returned, after success only (as <see cref="Run{T}"/> does).</summary>
    public static void Leave(DuckDBConnection connection, long previous) => connection.Execute($"SET threads = {previous}");

    public static void Run(DuckDBConnection connection, Action bulkAppend) => Run(connection, () =>
    {
        bulkAppend();
        return true;
    });
}

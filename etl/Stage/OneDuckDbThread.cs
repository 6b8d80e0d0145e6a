using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Stage;

/// <summary>
/// DuckDB at one worker thread while our own threads append, restored afterwards. Each appender commit is run as
/// an insert query, which DuckDB splits across its workers: on 2 cores those compete with our appending threads,
/// and each worker's share is a part row group that is appended a second time when the shares are combined
/// (its statistics hashed twice). With one DuckDB thread a commit is one full row group, written once
/// (38M marks: staging 6.7 → 4.8 s). Set for the whole database, so only around bulk appends, never queries.
/// </summary>
public sealed class OneDuckDbThread : IDisposable
{
    private readonly DuckDBConnection connection;
    private readonly long previous;

    private OneDuckDbThread(DuckDBConnection connection, long previous)
    {
        this.connection = connection;
        this.previous = previous;
    }

    public static OneDuckDbThread Enter(DuckDBConnection connection)
    {
        var previous = connection.Scalar<long>("SELECT current_setting('threads')");
        connection.Execute("SET threads = 1");
        return new OneDuckDbThread(connection, previous);
    }

    // A number DuckDB itself reported: SET takes no parameters.
    public void Dispose() => connection.Execute($"SET threads = {previous}");
}

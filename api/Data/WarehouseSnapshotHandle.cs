using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Api.Data;

/// <summary>
/// One published snapshot opened read-only. A keep-alive connection holds DuckDB's native instance open
/// (re-opening it costs ~20 ms; a further connection to a live instance ~16 µs), and a reference count lets
/// in-flight requests finish on the old snapshot after the ETL publishes a new one.
/// </summary>
internal sealed class WarehouseSnapshotHandle
{
    private readonly DuckDBConnection keepAlive;
    private int references = 1; // the reader's own reference while this is the current snapshot

    public WarehouseSnapshotHandle(string name, string path, string memoryLimit, int? threads)
    {
        Name = name;
        ConnectionString = DuckDbSettings.ReadOnly(path);
        keepAlive = new DuckDBConnection(ConnectionString);
        try
        {
            keepAlive.Open();
            keepAlive.ExecuteAll(DuckDbSettings.SessionStatements(memoryLimit));
            if (threads is > 0) keepAlive.ExecuteAll([$"SET threads = {threads.Value}"]); // an int, not user text
        }
        catch
        {
            keepAlive.Dispose(); // a snapshot that cannot be opened must not keep a native instance alive
            throw;
        }
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public bool TryAddReference()
    {
        while (true)
        {
            var n = Volatile.Read(ref references);
            if (n == 0) return false;
            if (Interlocked.CompareExchange(ref references, n + 1, n) == n) return true;
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref references) != 0) return;
        keepAlive.Dispose(); // the last connection: DuckDB frees the instance and its buffer pool now
        NativeHeap.Trim();
    }
}

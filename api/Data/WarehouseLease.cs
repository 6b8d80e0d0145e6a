using DuckDB.NET.Data;

namespace AttendanceGraph.Api.Data;

/// <summary>A request's connection to one snapshot; counts the warehouse queries it runs (tests prove batching with it).</summary>
public sealed class WarehouseLease : IDisposable
{
    private readonly WarehouseSnapshotHandle handle;
    private readonly WarehouseReader reader;
    private readonly Lock gate = new();
    private int queries;
    private bool disposed;

    internal WarehouseLease(DuckDBConnection connection, WarehouseSnapshotHandle handle, WarehouseReader reader)
    {
        this.handle = handle;
        this.reader = reader;
        Connection = connection;
    }

    public string SnapshotName => handle.Name;
    public int QueryCount => Volatile.Read(ref queries);

    private DuckDBConnection Connection { get; }

    /// <summary>Runs work on the connection, one at a time: resolvers may run in parallel, a connection may not.</summary>
    public T Use<T>(Func<DuckDBConnection, T> work)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            Interlocked.Increment(ref queries);
            reader.CountQuery();
            using var activity = Telemetry.AttendanceGraphTracing.Source.StartActivity("warehouse query");
            activity?.SetTag("attendancegraph.snapshot", SnapshotName);
            return work(Connection);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            Connection.Dispose();
            handle.Release();
        }
    }
}

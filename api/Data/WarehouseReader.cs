using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Api.Data;

/// <summary>
/// Serves the current warehouse snapshot to requests and follows the ETL's CURRENT pointer, so new batches
/// are picked up without a restart and a request never sees a half-loaded warehouse.
/// </summary>
/// <param name="threads">DuckDB worker threads per snapshot; null keeps DuckDB's default (the cores).</param>
public sealed class WarehouseReader(WarehousePaths paths, string memoryLimit = "2GB", int? threads = null) : IDisposable
{
    private static readonly TimeSpan PointerCheckInterval = TimeSpan.FromMilliseconds(250);
    private readonly Lock gate = new();
    private WarehouseSnapshotHandle? current;
    private long nextCheckTicks;

    private long queriesRun;

    public WarehousePaths Paths => paths;

    /// <summary>Warehouse queries run by every lease of this reader (tests prove batching with it).</summary>
    public long QueriesRun => Interlocked.Read(ref queriesRun);

    internal void CountQuery() => Interlocked.Increment(ref queriesRun);

    public string? CurrentSnapshotName => current?.Name;

    /// <summary>A connection to the current snapshot for one request (connections are not thread-safe).</summary>
    public WarehouseLease Acquire()
    {
        while (true)
        {
            var handle = CurrentHandle() ?? throw new WarehouseEmptyException(paths.Root);
            if (!handle.TryAddReference()) continue; // switched and released between the read and here
            var connection = new DuckDBConnection(handle.ConnectionString);
            try
            {
                connection.Open();
            }
            catch
            {
                handle.Release();
                connection.Dispose();
                throw;
            }
            return new WarehouseLease(connection, handle, this);
        }
    }

    /// <summary>Re-reads the pointer now (the ETL's publish is otherwise seen within a quarter of a second).</summary>
    public void Refresh()
    {
        Interlocked.Exchange(ref nextCheckTicks, 0);
        CurrentHandle();
    }

    private WarehouseSnapshotHandle? CurrentHandle()
    {
        var now = Environment.TickCount64;
        if (current is not null && now < Interlocked.Read(ref nextCheckTicks)) return current;
        lock (gate)
        {
            if (current is not null && now < nextCheckTicks) return current;
            nextCheckTicks = now + (long)PointerCheckInterval.TotalMilliseconds;
            var name = SnapshotPointer.Read(paths);
            if (name is null || name == current?.Name) return current;
            var next = new WarehouseSnapshotHandle(name, paths.SnapshotPath(name), memoryLimit, threads);
            var previous = current;
            current = next;
            previous?.Release();
            return current;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            current?.Release();
            current = null;
        }
    }
}

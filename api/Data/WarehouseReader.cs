using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace AttendanceGraph.Api.Data;

/// <summary>
/// Serves the current warehouse snapshot to requests and follows the ETL's CURRENT pointer, so new batches
/// are picked up without a restart and a request never sees a half-loaded warehouse. A pointer that turns out
/// damaged (empty, garbage, dangling, naming a snapshot that does not open) never reaches a request: the last good
/// snapshot stays in service, the damage is logged once and reported by <see cref="PointerProblem"/> (health).
/// </summary>
/// <param name="threads">DuckDB worker threads per snapshot; null keeps DuckDB's default (the cores).</param>
public sealed class WarehouseReader(WarehousePaths paths, string memoryLimit = "2GB", int? threads = null, ILogger<WarehouseReader>? logger = null) : IDisposable
{
    private static readonly TimeSpan PointerCheckInterval = TimeSpan.FromMilliseconds(250);
    // A snapshot that failed to open is tried again only this often: each try opens a DuckDB file (~20 ms).
    private static readonly TimeSpan FailedSnapshotRetryInterval = TimeSpan.FromSeconds(5);
    private readonly ILogger log = logger ?? NullLogger<WarehouseReader>.Instance;
    private readonly Lock gate = new();
    private WarehouseSnapshotHandle? current;
    private long nextCheckTicks;
    private (string Name, long RetryAtTicks)? failed;
    private string? pointerProblem;

    private long queriesRun;

    public WarehousePaths Paths => paths;

    /// <summary>Warehouse queries run by every lease of this reader (tests prove batching with it).</summary>
    public long QueriesRun => Interlocked.Read(ref queriesRun);

    internal void CountQuery() => Interlocked.Increment(ref queriesRun);

    public string? CurrentSnapshotName => current?.Name;

    /// <summary>Why the snapshot being served is not the one CURRENT names (null when it is, or the warehouse is empty).</summary>
    public string? PointerProblem => Volatile.Read(ref pointerProblem);

    /// <summary>A connection to the current snapshot for one request (connections are not thread-safe).</summary>
    public WarehouseLease Acquire()
    {
        while (true)
        {
            var handle = CurrentHandle() ?? throw new WarehouseEmptyException(paths.Root, PointerProblem);
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
            switch (SnapshotPointer.Read(paths))
            {
                case PointerReading.Names n when n.Snapshot == current?.Name:
                    Report(null);
                    break;
                case PointerReading.Names n when failed is { } f && f.Name == n.Snapshot && now < f.RetryAtTicks:
                    break;
                case PointerReading.Names n:
                    SwitchTo(n.Snapshot, now);
                    break;
                case PointerReading.Damaged d:
                    Report(d.Problem);
                    break;
                case PointerReading.Absent when current is not null:
                    Report("CURRENT has disappeared");
                    break;
            }
            return current;
        }
    }

    private void SwitchTo(string name, long now)
    {
        WarehouseSnapshotHandle next;
        try
        {
            var problem = SnapshotProbe.Problem(paths, name);
            if (problem is not null) throw new IOException(problem);
            next = new WarehouseSnapshotHandle(name, paths.SnapshotPath(name), memoryLimit, threads);
        }
        catch (Exception e) when (e is IOException or DuckDBException or UnauthorizedAccessException)
        {
            failed = (name, now + (long)FailedSnapshotRetryInterval.TotalMilliseconds);
            Report($"CURRENT names {name}, but {e.Message}");
            return;
        }
        failed = null;
        var previous = current;
        current = next;
        previous?.Release();
        Report(null);
    }

    // Logged when the problem changes, not per request or per check: a damaged pointer is re-read four times a second.
    private void Report(string? problem)
    {
        if (problem == pointerProblem) return;
        if (problem is null)
            log.LogInformation("The warehouse in {Root} is intact again: serving {Snapshot}, which CURRENT names", paths.Root, current?.Name);
        else if (current is null)
            log.LogError("The warehouse in {Root} is damaged and no snapshot is open: {Problem}", paths.Root, problem);
        else
            log.LogError("The warehouse in {Root} is damaged: {Problem}. Still serving {Snapshot}, the last good snapshot; " +
                         "repair with the ETL's recover command (README, Troubleshooting)", paths.Root, problem, current.Name);
        Volatile.Write(ref pointerProblem, problem);
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

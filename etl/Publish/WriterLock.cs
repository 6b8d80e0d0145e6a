using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// One writer at a time: two loads building snapshots from the same parent would each publish without the
/// other's batch. The OS releases the lock if the process dies, so a killed load never leaves it stuck; what such a
/// load left on disk (a building snapshot, a CURRENT.tmp) is removed by the next writer as soon as it holds the lock.
/// </summary>
public sealed class WriterLock : IDisposable
{
    private readonly FileStream stream;

    private WriterLock(FileStream stream) => this.stream = stream;

    public static WriterLock Acquire(WarehousePaths paths, TimeSpan wait)
    {
        paths.EnsureCreated();
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                var held = new WriterLock(new FileStream(paths.WriterLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                WarehouseLeftovers.Remove(paths);
                return held;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
            catch (IOException e)
            {
                throw new InvalidOperationException($"another load is writing the warehouse in {paths.Root} ({e.Message})", e);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}

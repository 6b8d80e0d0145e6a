using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>Opens the published snapshot read-only (several processes may do so at once).</summary>
public static class CurrentSnapshot
{
    /// <summary>Null for an empty warehouse; a damaged one throws <see cref="WarehouseDamagedException"/>, never reads as empty.</summary>
    public static DuckDBConnection? TryOpenReadOnly(WarehousePaths paths, string memoryLimit = "512MB")
    {
        // The common case opens the named snapshot straight away; the full inspection (which opens every snapshot)
        // runs only to explain a failure.
        if (SnapshotPointer.Read(paths) is PointerReading.Names named && File.Exists(paths.SnapshotPath(named.Snapshot)))
        {
            try { return Open(paths, named.Snapshot, memoryLimit); }
            catch (DuckDBException) { }
        }
        var state = WarehouseState.Inspect(paths);
        return state.Condition switch
        {
            WarehouseCondition.Empty => null,
            WarehouseCondition.Intact => Open(paths, state.Current!, memoryLimit), // the pointer moved meanwhile
            _ => throw new WarehouseDamagedException(state),
        };
    }

    private static DuckDBConnection Open(WarehousePaths paths, string name, string memoryLimit)
    {
        var c = new DuckDBConnection(DuckDbSettings.ReadOnly(paths.SnapshotPath(name)));
        try
        {
            c.Open();
            c.ExecuteAll(DuckDbSettings.SessionStatements(memoryLimit));
            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }
}

using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>Opens the published snapshot read-only (several processes may do so at once).</summary>
public static class CurrentSnapshot
{
    public static DuckDBConnection? TryOpenReadOnly(WarehousePaths paths, string memoryLimit = "512MB")
    {
        var name = SnapshotPointer.Read(paths);
        if (name is null) return null;
        var c = new DuckDBConnection(DuckDbSettings.ReadOnly(paths.SnapshotPath(name)));
        c.Open();
        c.ExecuteAll(DuckDbSettings.SessionStatements(memoryLimit));
        return c;
    }
}

using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>Whether a published snapshot can be served: it exists, DuckDB opens it, and its tables answer.</summary>
public static class SnapshotProbe
{
    /// <summary>Null when the snapshot is usable, else what is wrong with it, in words an operator can act on.</summary>
    public static string? Problem(WarehousePaths paths, string name)
    {
        var path = paths.SnapshotPath(name);
        if (!File.Exists(path)) return $"{name} does not exist";
        try
        {
            using var c = new DuckDBConnection(DuckDbSettings.ReadOnly(path));
            c.Open();
            c.ExecuteAll(DuckDbSettings.SessionStatements("256MB"));
            // Reading the catalogue and a table proves more than the header: a truncated file can pass the open.
            c.Scalar<long>("SELECT count(*) FROM batches");
            return null;
        }
        catch (Exception e) when (e is DuckDBException or IOException or UnauthorizedAccessException)
        {
            return $"DuckDB cannot open {name} ({FirstLine(e.Message)})";
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

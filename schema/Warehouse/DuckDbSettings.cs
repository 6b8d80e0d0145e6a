namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// Connection strings and session settings for DuckDB (see shared/notes/duckdb-measured.md): an explicit
/// memory limit instead of 80% of RAM, and no extension auto-install, which would try the network and hang.
/// </summary>
public static class DuckDbSettings
{
    public static string ReadWrite(string path) => $"Data Source={path}";

    public static string ReadOnly(string path) => $"Data Source={path};ACCESS_MODE=READ_ONLY";

    public static IReadOnlyList<string> SessionStatements(string memoryLimit = "1GB") =>
    [
        $"SET memory_limit = '{memoryLimit}'",
        "SET autoinstall_known_extensions = false",
        "SET autoload_known_extensions = false",
        "SET preserve_insertion_order = false",
    ];
}

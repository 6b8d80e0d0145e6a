using System.Collections.Concurrent;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// Facts about a snapshot that a measure query asks before it builds its SQL, asked once per published file: a published
/// snapshot is opened read-only and never changes. A snapshot still being built (read-write) or in memory can change, so
/// it is asked every time.
/// </summary>
public static class PublishedSnapshotFacts
{
    private static readonly ConcurrentDictionary<(string File, string Fact), bool> Known = new();

    public static bool Remember(DuckDBConnection connection, string fact, Func<bool> ask) =>
        IsPublished(connection) ? Known.GetOrAdd((Identity(connection), fact), _ => ask()) : ask();

    /// <summary>
    /// What a published file's facts are remembered under: its path and when it was written. Snapshot names restart from
    /// warehouse-000001 in a warehouse folder deleted and loaded again while the API runs; by path alone, that file
    /// would be answered with the facts of the one it replaced.
    /// </summary>
    public static string Identity(DuckDBConnection connection) =>
        $"{connection.DataSource}@{File.GetLastWriteTimeUtc(connection.DataSource).Ticks}";

    /// <summary>The connection reads a published snapshot: a file opened read-only, which never changes.</summary>
    public static bool IsPublished(DuckDBConnection connection)
    {
        var file = connection.DataSource;
        return !string.IsNullOrEmpty(file) && file != ":memory:"
            && connection.ConnectionString.Contains("READ_ONLY", StringComparison.OrdinalIgnoreCase);
    }
}

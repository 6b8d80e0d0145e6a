using System.Collections.Concurrent;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// Facts about a snapshot that a measure query asks before it builds its SQL, asked once per published file: a published
/// snapshot is opened read-only and never changes. A snapshot still being built (read-write) or in memory can change, so
/// it is asked every time. Only the last few files' facts are kept: the API serves one snapshot at a time, and every load
/// publishes a new one (a fact can be a list, such as the school-weeks answered from DfE totals).
/// </summary>
public static class PublishedSnapshotFacts
{
    private static readonly ConcurrentDictionary<(string File, string Fact), object> Known = new();
    private static readonly ConcurrentDictionary<string, byte> Files = new();
    private const int FilesRemembered = 4;

    public static T Remember<T>(DuckDBConnection connection, string fact, Func<T> ask) where T : notnull
    {
        if (!IsPublished(connection)) return ask();
        var file = Identity(connection);
        if (Known.TryGetValue((file, fact), out var known)) return (T)known;
        if (Files.TryAdd(file, 0) && Files.Count > FilesRemembered)
        {
            Known.Clear();
            Files.Clear();
            Files.TryAdd(file, 0);
        }
        return (T)Known.GetOrAdd((file, fact), _ => ask());
    }

    /// <summary>
    /// What a published file's facts are remembered under: its path and when it was written. Snapshot names restart from
    /// warehouse-000001 in a warehouse folder deleted and loaded again while the API runs; by path alone, that file
    /// would be answered with the facts of the one it replaced.
    /// </summary>
    private static string Identity(DuckDBConnection connection) =>
        $"{connection.DataSource}@{File.GetLastWriteTimeUtc(connection.DataSource).Ticks}";

    /// <summary>The connection reads a published snapshot: a file opened read-only, which never changes.</summary>
    public static bool IsPublished(DuckDBConnection connection)
    {
        var file = connection.DataSource;
        return !string.IsNullOrEmpty(file) && file != ":memory:"
            && connection.ConnectionString.Contains("READ_ONLY", StringComparison.OrdinalIgnoreCase);
    }
}

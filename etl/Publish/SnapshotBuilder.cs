using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// Builds the next warehouse snapshot: a copy of the current one (or a new empty warehouse) opened read-write
/// under a temporary name. Nothing a reader can see changes until <see cref="Publish"/> renames it and
/// switches the pointer; <see cref="Dispose"/> without publishing deletes it, so a failed or killed load
/// leaves the warehouse exactly as it was.
/// </summary>
public sealed class SnapshotBuilder : IDisposable
{
    private const int SnapshotsKept = 3;
    private readonly WarehousePaths paths;
    private readonly string workingPath;
    private bool published;

    private SnapshotBuilder(WarehousePaths paths, string workingPath, DuckDBConnection connection, string? parent)
    {
        this.paths = paths;
        this.workingPath = workingPath;
        Connection = connection;
        Parent = parent;
    }

    public DuckDBConnection Connection { get; }
    public string? Parent { get; }
    public string DatabasePath => workingPath;

    public static SnapshotBuilder Begin(WarehousePaths paths, string memoryLimit = "1GB")
    {
        paths.EnsureCreated();
        RemoveAbandoned(paths);
        var parent = SnapshotPointer.Read(paths);
        var working = Path.Combine(paths.SnapshotsDir, $"building-{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Environment.ProcessId}.duckdb");
        if (parent is not null) CopyFile(paths.SnapshotPath(parent), working);

        var connection = new DuckDBConnection(DuckDbSettings.ReadWrite(working));
        try
        {
            connection.Open();
            connection.ExecuteAll(DuckDbSettings.SessionStatements(memoryLimit));
            // Nobody reads the working snapshot before Publish checkpoints it once; DuckDB's default is to checkpoint
            // whenever the WAL passes 16 MB, i.e. repeatedly during a big load (one 38M-mark load: 21.9 → 18.8 s).
            connection.Execute("SET checkpoint_threshold = '1TB'");
            SchemaUpgrade.Apply(connection);
            connection.ExecuteAll(WarehouseSchema.Statements);
            if (parent is null) SeedReferenceRows(connection);
            WriteAttendanceCodes(connection);
            // The secret pupils' record keys are drawn from: a warehouse from before them gets one on this load.
            RecordKeys.EnsureSecret(connection);
        }
        catch
        {
            connection.Dispose();
            TryDelete(working);
            TryDelete(working + ".wal");
            throw;
        }
        return new SnapshotBuilder(paths, working, connection, parent);
    }

    /// <summary>A second connection to the same database, for another appender thread (connections are not thread-safe).</summary>
    public DuckDBConnection OpenAnotherConnection()
    {
        var c = new DuckDBConnection(DuckDbSettings.ReadWrite(workingPath));
        c.Open();
        return c;
    }

    /// <summary>Checkpoints, closes, renames to the batch's snapshot name and switches CURRENT to it.</summary>
    public string Publish(int batchId)
    {
        RecordKeys.AssignNew(Connection); // every pupil published has its record key (disclosure control)
        Connection.Execute("CHECKPOINT");
        Connection.Close();
        var name = $"warehouse-{batchId:000000}.duckdb";
        var final = paths.SnapshotPath(name);
        File.Move(workingPath, final, overwrite: true);
        FlushToDisk(final);
        SnapshotPointer.Switch(paths, name);
        published = true;
        PruneOldSnapshots(name);
        return name;
    }

    public void Dispose()
    {
        Connection.Dispose();
        if (!published)
        {
            TryDelete(workingPath);
            TryDelete(workingPath + ".wal");
        }
    }

    /// <summary>The code catalogue, rewritten in every snapshot so it always matches the code that wrote the marks.</summary>
    private static void WriteAttendanceCodes(DuckDBConnection connection)
    {
        connection.Execute("DELETE FROM attendance_codes");
        using var appender = connection.CreateAppender("attendance_codes");
        foreach (var code in CodeCatalogue.Instance.Codes)
            appender.CreateRow().AppendValue(code.Id).AppendValue(code.Code).AppendValue(code.Meaning)
                .AppendValue(CodeCatalogue.CategoryName(code.Category)).AppendValue(code.IsPossibleSession)
                .AppendValue(code.CountsForPenaltyNotice).AppendValue(code.Column).EndRow();
        appender.Close();
    }

    private static void SeedReferenceRows(DuckDBConnection connection)
    {
        using var appender = connection.CreateAppender("reporting_cohorts");
        foreach (var (cohort, membership) in WarehouseSchema.ReportingCohortRows)
            appender.CreateRow().AppendValue(cohort).AppendValue(membership).EndRow();
        appender.Close();
        connection.Execute("INSERT INTO warehouse_info VALUES ($k, $v)", ("k", SchemaUpgrade.VersionKey), ("v", WarehouseSchema.Version.ToString()));
    }

    // Readers may still hold an older snapshot open; on POSIX unlinking it is safe, they keep their handle.
    private void PruneOldSnapshots(string current)
    {
        var old = Directory.GetFiles(paths.SnapshotsDir, "warehouse-*.duckdb")
            .Where(f => Path.GetFileName(f) != current)
            .OrderDescending(StringComparer.Ordinal)
            .Skip(SnapshotsKept - 1);
        foreach (var f in old) TryDelete(f);
    }

    private static void RemoveAbandoned(WarehousePaths paths)
    {
        // Only a process holding the writer lock calls Begin, so any building-* file is from a load that died.
        foreach (var f in Directory.GetFiles(paths.SnapshotsDir, "building-*")) TryDelete(f);
    }

    private static void CopyFile(string from, string to)
    {
        File.Copy(from, to, overwrite: false);
    }

    private static void FlushToDisk(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        fs.Flush(flushToDisk: true);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

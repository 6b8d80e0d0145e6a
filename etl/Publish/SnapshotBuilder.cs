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

    /// <summary>Called only by the holder of the <see cref="WriterLock"/>. A damaged warehouse is refused, never treated as empty.</summary>
    public static SnapshotBuilder Begin(WarehousePaths paths, string memoryLimit = "1GB", bool onlyIntoEmpty = false)
    {
        paths.EnsureCreated();
        var state = WarehouseState.Inspect(paths);
        if (state.Condition == WarehouseCondition.Damaged) throw new WarehouseDamagedException(state);
        if (onlyIntoEmpty && state.Condition != WarehouseCondition.Empty) throw new WarehouseNotEmptyException(paths.Root, state.Current!);
        var parent = state.Current;
        var working = Path.Combine(paths.SnapshotsDir, $"{WarehouseLeftovers.BuildingPrefix}{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Environment.ProcessId}.duckdb");

        var connection = new DuckDBConnection(DuckDbSettings.ReadWrite(working));
        try
        {
            // Inside the try: a copy that fails half way (disk full) must not leave a warehouse-sized file behind.
            if (parent is not null) File.Copy(paths.SnapshotPath(parent), working, overwrite: false);
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
        catch (DuckDBException e) when (parent is not null)
        {
            Abandon(connection, working);
            // DuckDB names the file it opened, i.e. the working copy; the operator needs the snapshot it was copied from.
            throw new InvalidOperationException($"snapshot {parent} in {paths.SnapshotsDir} could not be read: {e.Message.Replace(working, parent)}", e);
        }
        catch
        {
            Abandon(connection, working);
            throw;
        }
        return new SnapshotBuilder(paths, working, connection, parent);
    }

    /// <summary>
    /// The next batch number: after every batch in the parent and every snapshot on disk, because after a recovery
    /// to an older snapshot the newer (damaged) ones are still there, and a publish must never overwrite a snapshot.
    /// </summary>
    public int NextBatchId()
    {
        var inParent = Connection.Scalar<int?>("SELECT max(batch_id) FROM batches") ?? 0;
        var onDisk = paths.PublishedSnapshots().Select(n => SnapshotName.Number(n) ?? 0).DefaultIfEmpty(0).Max();
        return Math.Max(inParent, onDisk) + 1;
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
        var name = SnapshotName.For(batchId);
        var final = paths.SnapshotPath(name);
        FlushToDisk(workingPath);
        // Never overwrite: an existing file of that name is a published snapshot (this throws and the load fails).
        File.Move(workingPath, final, overwrite: false);
        DirectorySync.Flush(paths.SnapshotsDir); // the rename is on disk before CURRENT can name it
        SnapshotPointer.Switch(paths, name);
        published = true;
        PruneOldSnapshots(name);
        return name;
    }

    public void Dispose()
    {
        if (published) Connection.Dispose();
        else Abandon(Connection, workingPath);
    }

    private static void Abandon(DuckDBConnection connection, string working)
    {
        connection.Dispose();
        WarehouseLeftovers.TryDelete(working);
        WarehouseLeftovers.TryDelete(working + ".wal");
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

    /// <summary>A new warehouse's schema version. Cohorts are reference data the load rewrites (<see cref="CohortReference"/>).</summary>
    private static void SeedReferenceRows(DuckDBConnection connection)
    {
        connection.Execute("INSERT INTO warehouse_info VALUES ($k, $v)", ("k", SchemaUpgrade.VersionKey), ("v", WarehouseSchema.Version.ToString()));
    }

    // Readers may still hold an older snapshot open; on POSIX unlinking it is safe, they keep their handle.
    private void PruneOldSnapshots(string current)
    {
        var old = Directory.GetFiles(paths.SnapshotsDir, SnapshotName.Pattern)
            .Where(f => Path.GetFileName(f) != current)
            .OrderDescending(StringComparer.Ordinal)
            .Skip(SnapshotsKept - 1);
        foreach (var f in old) WarehouseLeftovers.TryDelete(f);
    }

    private static void FlushToDisk(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        fs.Flush(flushToDisk: true);
    }
}

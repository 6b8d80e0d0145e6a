using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Publish;
using AttendanceGraph.Schema.Operational;

namespace AttendanceGraph.Etl.Cli;

/// <summary>
/// One load's writes to the operational store (its run-log row and the school directory), none of which may
/// decide or hide the load's outcome. On a full disk the run-log write inside the error handler failed too and
/// its "An error occurred while saving the entity changes" replaced the real cause; now the first failure is
/// kept as <see cref="Problem"/>, reported after the load's own result, and later writes are still attempted.
/// </summary>
internal sealed class LoadRunLog : IDisposable
{
    private readonly string storePath;
    private readonly IReadOnlyList<string> files;
    private readonly OperationalDb? db;
    private EtlRun? run;

    private LoadRunLog(string storePath, IReadOnlyList<string> files)
    {
        this.storePath = storePath;
        this.files = files;
        try { db = OperationalDb.Open(storePath); }
        catch (Exception e) when (e is not OutOfMemoryException) { Problem = Describe(e); }
    }

    public static LoadRunLog Open(string storePath, IReadOnlyList<string> files) => new(storePath, files);

    /// <summary>The first write that failed, as a sentence naming the store and the underlying cause; null if none did.</summary>
    public string? Problem { get; private set; }

    /// <summary>Runs once the writer lock is held: closes the rows of killed loads, then opens this load's row.</summary>
    public void Begin() => Attempt(db =>
    {
        EtlRunLog.FailAbandoned(db);
        run = EtlRunLog.Start(db, "load", files);
    });

    public void SyncSchools(IReadOnlyList<SchoolRecord> schools) => Attempt(db => OperationalStoreSync.UpsertSchools(db, schools));

    /// <summary>Records the outcome; a load that failed before taking the writer lock gets its row here.</summary>
    public void Finish(string status, int? batchId, long rowsRead, long rejected, string? message) => Attempt(db =>
    {
        run ??= EtlRunLog.Start(db, "load", files);
        EtlRunLog.Finish(db, run, status, batchId, rowsRead, rejected, message);
    });

    private void Attempt(Action<OperationalDb> write)
    {
        if (db is null) return; // the store could not even be opened: Problem says why
        try { write(db); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            db.ChangeTracker.Clear();
            Problem ??= Describe(e);
        }
    }

    /// <summary>EF Core wraps SQLite's "database or disk is full" in a message that says nothing: quote the innermost.</summary>
    private string Describe(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return $"the run log in {storePath} could not be written: {e.Message}";
    }

    public void Dispose() => db?.Dispose();
}

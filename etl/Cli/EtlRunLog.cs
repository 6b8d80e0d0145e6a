using AttendanceGraph.Schema.Operational;

namespace AttendanceGraph.Etl.Cli;

/// <summary>The ETL run log in the operational store: every load or validate, whatever its outcome.</summary>
public static class EtlRunLog
{
    public const string Abandoned = "killed or crashed: the load stopped without recording an outcome (found by the next load)";

    public static EtlRun Start(OperationalDb db, string verb, IEnumerable<string> files)
    {
        var run = new EtlRun { Verb = verb, StartedAt = DateTime.UtcNow, Files = string.Join("; ", files) };
        db.EtlRuns.Add(run);
        db.SaveChanges();
        return run;
    }

    public static void Finish(OperationalDb db, EtlRun run, string status, int? batchId, long rowsRead, long rejected, string? message)
    {
        run.Status = status;
        run.FinishedAt = DateTime.UtcNow;
        run.BatchId = batchId;
        run.RowsRead = rowsRead;
        run.RowsRejected = rejected;
        run.Message = message is { Length: > 4000 } ? message[..4000] : message;
        // Update, not only SaveChanges: after a failed write the run is no longer tracked.
        db.EtlRuns.Update(run);
        db.SaveChanges();
    }

    /// <summary>
    /// Marks failed the loads still "running" in the log. Call only while holding the writer lock: no other
    /// load can then be running, so such a row belongs to a load that was killed or crashed (the OS released its
    /// lock) and would otherwise stay "running" forever. Returns how many rows it marked.
    /// </summary>
    public static int FailAbandoned(OperationalDb db)
    {
        var stale = db.EtlRuns.Where(r => r.Verb == "load" && r.Status == "running").ToList();
        foreach (var r in stale)
        {
            r.Status = "failed";
            r.FinishedAt = DateTime.UtcNow;
            r.Message = Abandoned;
        }
        if (stale.Count > 0) db.SaveChanges();
        return stale.Count;
    }
}

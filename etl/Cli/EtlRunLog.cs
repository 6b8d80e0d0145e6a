using AttendanceGraph.Schema.Operational;

namespace AttendanceGraph.Etl.Cli;

/// <summary>The ETL run log in the operational store: every load or validate, whatever its outcome.</summary>
public static class EtlRunLog
{
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
        db.SaveChanges();
    }
}

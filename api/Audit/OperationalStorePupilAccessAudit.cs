using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Api.Audit;

/// <summary>Writes the access audit to the operational SQLite store, one row per read (UPNs only).</summary>
public sealed class OperationalStorePupilAccessAudit(WarehousePaths paths, TimeProvider clock) : IPupilAccessAudit
{
    private static readonly Lock WriteGate = new();

    public void Record(AttendanceUser user, string operation, IEnumerable<string> upns)
    {
        var list = upns.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (list.Count == 0) return;
        lock (WriteGate)
        {
            using var db = OperationalDb.Open(paths.OperationalStore);
            Write(db, new PupilAccessAuditEntry
            {
                At = clock.GetUtcNow().UtcDateTime,
                Subject = user.Subject,
                Role = user.Role ?? "",
                Operation = operation,
                Upns = string.Join(' ', list),
            });
        }
    }

    private static void Write(OperationalDb db, PupilAccessAuditEntry entry)
    {
        db.PupilAccessAudit.Add(entry);
        db.SaveChanges();
    }

    /// <summary>
    /// Builds EF Core's insert of an audit entry by writing one in a transaction that is rolled back, so nothing is
    /// recorded: at the API's start (WarehouseStartup), or the first pupil-level read in a process would wait for it
    /// (0.4 s in a trace of a first TSM pack on a loaded 2-core machine).
    /// </summary>
    public static void Prepare(OperationalDb db)
    {
        lock (WriteGate)
        {
            using var transaction = db.Database.BeginTransaction();
            Write(db, new PupilAccessAuditEntry { At = DateTime.UnixEpoch, Operation = "prepare" });
            transaction.Rollback();
        }
    }
}

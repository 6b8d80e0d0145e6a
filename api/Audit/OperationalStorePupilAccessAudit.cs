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
            db.PupilAccessAudit.Add(new PupilAccessAuditEntry
            {
                At = clock.GetUtcNow().UtcDateTime,
                Subject = user.Subject,
                Role = user.Role ?? "",
                Operation = operation,
                Upns = string.Join(' ', list),
            });
            db.SaveChanges();
        }
    }
}

using AttendanceGraph.Etl.Model;
using AttendanceGraph.Schema.Operational;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// Keeps the operational store's school directory in step with GIAS. Only GIAS-owned fields are refreshed:
/// the team's named contact and light-touch flag belong to the team and survive every load.
/// </summary>
public static class OperationalStoreSync
{
    public static void UpsertSchools(OperationalDb db, IReadOnlyList<SchoolRecord> schools)
    {
        if (schools.Count == 0) return;
        var known = db.Schools.ToDictionary(s => s.Urn);
        var now = DateTime.UtcNow;
        foreach (var s in schools)
        {
            if (!known.TryGetValue(s.Urn, out var entry))
            {
                entry = new SchoolDirectoryEntry { Urn = s.Urn };
                db.Schools.Add(entry);
            }
            entry.Laestab = s.Laestab;
            entry.Name = s.Name;
            entry.Phase = s.Phase;
            entry.EstablishmentType = s.EstablishmentType;
            entry.Status = s.Status;
            entry.UpdatedAt = now;
        }
        db.SaveChanges();
    }
}

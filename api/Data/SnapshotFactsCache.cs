namespace AttendanceGraph.Api.Data;

/// <summary>Holds the facts of the latest snapshot seen; a new snapshot name means read them again.</summary>
public sealed class SnapshotFactsCache
{
    private volatile SnapshotFacts? facts;
    private readonly Lock gate = new();

    public SnapshotFacts Get(WarehouseLease lease)
    {
        var f = facts;
        if (f is not null && f.Snapshot == lease.SnapshotName) return f;
        lock (gate)
        {
            f = facts;
            if (f is not null && f.Snapshot == lease.SnapshotName) return f;
            f = lease.Use(c => SnapshotFacts.Read(lease.SnapshotName, c));
            facts = f;
            return f;
        }
    }
}

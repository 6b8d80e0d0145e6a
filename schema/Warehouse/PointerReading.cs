namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// What the CURRENT file says, before anyone looks at the snapshot it names. Absent and Damaged are different
/// answers on purpose: treating an empty or unreadable pointer as "no pointer" once let a load publish batch 1 over
/// a warehouse that held three snapshots.
/// </summary>
public abstract record PointerReading
{
    private PointerReading() { }

    /// <summary>No CURRENT file at all.</summary>
    public sealed record Absent : PointerReading;

    /// <summary>CURRENT holds a well-formed snapshot name (the snapshot itself may still be missing or unreadable).</summary>
    public sealed record Names(string Snapshot) : PointerReading;

    /// <summary>CURRENT exists but is empty, unreadable or holds something that is not a snapshot name.</summary>
    public sealed record Damaged(string Problem) : PointerReading;
}

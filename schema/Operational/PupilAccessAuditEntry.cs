namespace AttendanceGraph.Schema.Operational;

/// <summary>One pupil-level read: who (subject and role), when, which operation, which pupils (UPNs only).</summary>
public sealed class PupilAccessAuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string Subject { get; set; } = "";
    public string Role { get; set; } = "";
    public string Operation { get; set; } = "";
    /// <summary>Space-separated UPNs.</summary>
    public string Upns { get; set; } = "";
}

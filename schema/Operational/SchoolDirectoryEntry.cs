namespace AttendanceGraph.Schema.Operational;

/// <summary>
/// A school as the Attendance Support Team knows it: GIAS details refreshed by each schools load, plus the
/// team's own fields (named point of contact, light-touch status) that no load ever overwrites.
/// </summary>
public sealed class SchoolDirectoryEntry
{
    public int Urn { get; set; }
    public int Laestab { get; set; }
    public string Name { get; set; } = "";
    public string Phase { get; set; } = "";
    public string EstablishmentType { get; set; } = "";
    public string Status { get; set; } = "";
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public bool LightTouch { get; set; }
    public DateTime UpdatedAt { get; set; }
}

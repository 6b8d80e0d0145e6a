namespace AttendanceGraph.Schema.Operational;

/// <summary>A Targeting Support Meeting held with a school, as recorded by the team or the school.</summary>
public sealed class TargetingSupportMeeting
{
    public long Id { get; set; }
    public int Urn { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>Attendees, one per line (names and roles as entered).</summary>
    public string Attendees { get; set; } = "";

    /// <summary>The token subject that recorded the meeting.</summary>
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }

    public List<TsmPupilAction> Actions { get; set; } = [];
}

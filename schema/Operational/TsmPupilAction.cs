namespace AttendanceGraph.Schema.Operational;

/// <summary>The action agreed for one pupil (by UPN) at a Targeting Support Meeting.</summary>
public sealed class TsmPupilAction
{
    public long Id { get; set; }
    public long MeetingId { get; set; }
    public TargetingSupportMeeting? Meeting { get; set; }
    public string Upn { get; set; } = "";
    public string AgreedAction { get; set; } = "";
    public string LeadPractitioner { get; set; } = "";
    public SupportLevel SupportLevel { get; set; }
}

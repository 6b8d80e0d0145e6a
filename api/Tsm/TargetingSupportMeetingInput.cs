namespace AttendanceGraph.Api.Tsm;

/// <summary>A Targeting Support Meeting as sent to <c>recordTargetingSupportMeeting</c>.</summary>
public sealed class TargetingSupportMeetingInput
{
    public int Urn { get; set; }
    public DateOnly Date { get; set; }
    public List<string> Attendees { get; set; } = [];
    public List<TsmPupilActionInput> Actions { get; set; } = [];
}

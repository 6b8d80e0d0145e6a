using AttendanceGraph.Schema.Operational;

namespace AttendanceGraph.Api.Tsm;

/// <summary>The action agreed for one pupil, as sent to <c>recordTargetingSupportMeeting</c>.</summary>
public sealed class TsmPupilActionInput
{
    public string Upn { get; set; } = "";
    public string AgreedAction { get; set; } = "";
    public string LeadPractitioner { get; set; } = "";
    public SupportLevel SupportLevel { get; set; }
}

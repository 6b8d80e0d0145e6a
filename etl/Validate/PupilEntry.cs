namespace AttendanceGraph.Etl.Validate;

internal sealed class PupilEntry(int pupilId)
{
    public int PupilId { get; } = pupilId;
    /// <summary>One per school the pupil has (had) an enrolment at; usually one or two.</summary>
    public EnrolmentSlot[] Slots { get; set; } = [];

    public EnrolmentSlot? Slot(int urn)
    {
        foreach (var s in Slots)
            if (s.Urn == urn) return s;
        return null;
    }
}

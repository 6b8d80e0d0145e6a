using AttendanceGraph.Schema.Codes;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>One register mark of one pupil: session 0 = AM, 1 = PM.</summary>
public readonly record struct PupilMark(int PupilId, int Urn, DateOnly Date, byte Session, AttendanceCode Code)
{
    /// <summary>Orders marks through time: date, then AM before PM.</summary>
    public int Ordinal => Date.DayNumber * 2 + Session;
}

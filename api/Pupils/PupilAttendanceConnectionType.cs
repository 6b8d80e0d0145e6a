using AttendanceGraph.Api.Schools;
using AttendanceGraph.Schema.Pupils;

namespace AttendanceGraph.Api.Pupils;

public sealed class PupilAttendanceConnectionType : NodesConnectionType<PupilAttendanceType, PupilAttendanceRow>
{
    public PupilAttendanceConnectionType() => Name = "PupilAttendanceConnection";
}

using AttendanceGraph.Api.Schools;
using AttendanceGraph.Schema.Pupils;

namespace AttendanceGraph.Api.Pupils;

public sealed class PupilMarkConnectionType : NodesConnectionType<PupilMarkType, PupilMark>
{
    public PupilMarkConnectionType() => Name = "PupilMarkConnection";
}

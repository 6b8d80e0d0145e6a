using AttendanceGraph.Api.Data;

namespace AttendanceGraph.Api.Schools;

public sealed class SchoolConnectionType : NodesConnectionType<SchoolType, SchoolInfo>
{
    public SchoolConnectionType() => Name = "SchoolConnection";
}

using AttendanceGraph.Api.Schools;
using AttendanceGraph.Schema.Operational;

namespace AttendanceGraph.Api.Audit;

public sealed class AccessAuditConnectionType : NodesConnectionType<AccessAuditEntryType, PupilAccessAuditEntry>
{
    public AccessAuditConnectionType() => Name = "AccessAuditConnection";
}

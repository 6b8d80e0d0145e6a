using AttendanceGraph.Api.Schools;

namespace AttendanceGraph.Api.Tables;

public sealed class MeasureTableConnectionType : NodesConnectionType<MeasureTableRowType, MeasureTableRow>
{
    public MeasureTableConnectionType() => Name = "MeasureTableConnection";
}

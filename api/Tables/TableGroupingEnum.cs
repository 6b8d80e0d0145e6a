using GraphQL.Types;

namespace AttendanceGraph.Api.Tables;

public sealed class TableGroupingEnum : EnumerationGraphType<TableGrouping>
{
    public TableGroupingEnum()
    {
        Name = "TableGrouping";
        Description = "One row per LA, per phase or per school (per time bucket when a grain is given).";
    }
}

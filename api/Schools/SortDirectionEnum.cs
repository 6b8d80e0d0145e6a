using GraphQL.Types;

namespace AttendanceGraph.Api.Schools;

public sealed class SortDirectionEnum : EnumerationGraphType<SortDirection>
{
    public SortDirectionEnum() => Name = "SortDirection";
}

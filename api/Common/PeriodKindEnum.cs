using AttendanceGraph.Schema.Calendar;
using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

public sealed class PeriodKindEnum : EnumerationGraphType<PeriodKind>
{
    public PeriodKindEnum() => Name = "PeriodKind";
}

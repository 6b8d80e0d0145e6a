using AttendanceGraph.Api.Common;
using GraphQL.Types;

namespace AttendanceGraph.Api.Schools;

public sealed class MeasureFilterInput : InputObjectGraphType<MeasureFilter>
{
    public MeasureFilterInput()
    {
        Name = "MeasureFilter";
        Description = "Keep schools whose measure is below a value and/or at least a value (for the same period and cohort).";
        Field<NonNullGraphType<MeasureEnum>>("measure");
        Field<FloatGraphType>("below");
        Field<FloatGraphType>("atLeast");
    }
}

using AttendanceGraph.Api.Common;
using GraphQL.Types;

namespace AttendanceGraph.Api.Trends;

public sealed class TrendPointType : ObjectGraphType<TrendPoint>
{
    public TrendPointType()
    {
        Name = "TrendPoint";
        Field(p => p.Period, type: typeof(NonNullGraphType<PeriodType>));
        Field(p => p.WeekOfAcademicYear).Description("Week number counted from the week containing 1 September (aligns years).");
        Field(p => p.Measures, type: typeof(NonNullGraphType<MeasuresType>));
    }
}

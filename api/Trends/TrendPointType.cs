using AttendanceGraph.Api.Common;
using GraphQL.Types;

namespace AttendanceGraph.Api.Trends;

public sealed class TrendPointType : ObjectGraphType<TrendPoint>
{
    public TrendPointType()
    {
        Name = "TrendPoint";
        Field(p => p.Period, type: typeof(NonNullGraphType<PeriodType>))
            .Description("The days this point counts: its week, month, half term, term or year, cut to the period asked where it sticks out of it (then a date range).");
        Field(p => p.WeekOfAcademicYear).Description("Week number counted from the week containing 1 September (aligns years).");
        Field(p => p.Measures, type: typeof(NonNullGraphType<MeasuresType>));
        Field(p => p.Group, nullable: true).Description("The characteristic group of this point when the trend has a breakdown (one series per group); null otherwise.");
    }
}

using AttendanceGraph.Api.Common;
using GraphQL.Types;

namespace AttendanceGraph.Api.Periods;

public sealed class AvailablePeriodsType : ObjectGraphType<AvailablePeriods>
{
    public AvailablePeriodsType()
    {
        Name = "AvailablePeriods";
        Description = "The periods the loaded registers cover.";
        Field(p => p.FirstDate, nullable: true).Description("Earliest session mark.");
        Field(p => p.LastDate, nullable: true).Description("Latest session mark, or today when marks run past it (codes entered ahead, such as planned closures).");
        Field(p => p.AcademicYears, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PeriodType>>>));
        Field(p => p.Terms, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PeriodType>>>));
        Field(p => p.HalfTerms, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PeriodType>>>));
        Field(p => p.Months, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PeriodType>>>));
    }
}

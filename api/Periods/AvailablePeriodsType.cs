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
        Field(p => p.LastDate, nullable: true).Description("Latest session mark up to today (codes entered ahead, such as planned closures, are left out).");
        Field(p => p.AcademicYears, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PeriodType>>>));
        Field(p => p.Terms, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PeriodType>>>));
        Field(p => p.HalfTerms, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PeriodType>>>));
        Field(p => p.Months, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PeriodType>>>));
    }
}

using GraphQL.Types;

namespace AttendanceGraph.Api.Benchmarks;

public sealed class NationalComparisonType : ObjectGraphType<NationalComparison>
{
    public NationalComparisonType()
    {
        Name = "NationalComparison";
        Description = "England's figure a period is compared with, and which it is; null with the reason when nothing published fits.";
        Field(c => c.Figure, type: typeof(NationalFigureType)).Description("England's published figure, or null.");
        Field(c => c.Basis).Description("The figure used (as PublishedFigure.basis, or an earlier year's annual figure saying so), or why there is none.");
    }
}

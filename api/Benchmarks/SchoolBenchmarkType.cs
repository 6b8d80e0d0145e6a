using AttendanceGraph.Api.Common;
using GraphQL.Types;

namespace AttendanceGraph.Api.Benchmarks;

public sealed class SchoolBenchmarkType : ObjectGraphType<SchoolBenchmark>
{
    public SchoolBenchmarkType()
    {
        Name = "SchoolBenchmark";
        Field(b => b.Measures, type: typeof(NonNullGraphType<MeasuresType>)).Description("The school's own measures.");
        Field(b => b.LocalAuthorityPhase, type: typeof(NonNullGraphType<MeasuresType>)).Description("The LA's measures for the school's phase.");
        Field(b => b.National, type: typeof(NationalFigureType))
            .Description("England's published figure for the phase: the same week, term or year to date where DfE's in-year figures cover the period, else annual (basis says which).");
        Field(b => b.NationalComparison, type: typeof(NonNullGraphType<NationalComparisonType>))
            .Description("As national, with the basis of the figure used, or why there is none.");
        Field(b => b.Peers, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PeerPositionType>>>))
            .Description("Rank, percentile and quartile among the LA's schools of the same phase on each headline measure.");
    }
}

using AttendanceGraph.Api.Benchmarks;
using AttendanceGraph.Api.Common;
using GraphQL.Types;

namespace AttendanceGraph.Api.LocalAuthority;

public sealed class PhaseMeasuresType : ObjectGraphType<PhaseMeasures>
{
    public PhaseMeasuresType()
    {
        Name = "PhaseMeasures";
        Field(p => p.Phase, type: typeof(NonNullGraphType<PhaseEnum>));
        Field(p => p.Measures, type: typeof(NonNullGraphType<MeasuresType>));
        Field(p => p.National, type: typeof(NationalFigureType))
            .Description("England's published figure for the phase: the same week, term or year to date where DfE's in-year figures cover the period, else annual (basis says which).");
    }
}

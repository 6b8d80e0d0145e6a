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
            .Description("England's published figure for the phase (the period's academic year or the latest before it).");
    }
}

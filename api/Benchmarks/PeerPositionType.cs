using AttendanceGraph.Api.Common;
using GraphQL.Types;

namespace AttendanceGraph.Api.Benchmarks;

public sealed class PeerPositionType : ObjectGraphType<PeerPosition>
{
    public PeerPositionType()
    {
        Name = "PeerPosition";
        Description = "A school's position among the LA's schools of the same phase on one measure.";
        Field<NonNullGraphType<MeasureEnum>>("measure").Resolve(c => c.Source.Measure);
        Field(p => p.Value, nullable: true);
        Field(p => p.Rank, nullable: true).Description("1 = best (lowest absence, highest attendance); ties share a rank.");
        Field(p => p.PeerCount).Description("Schools of the phase with a value, including this one.");
        Field(p => p.Percentile, nullable: true).Description("100 = best in the phase, 0 = worst.");
        Field(p => p.Quartile, nullable: true).Description("1 = best quarter of the phase, 4 = worst.");
        Field(p => p.LocalAuthorityPhaseValue, nullable: true).Description("The LA's figure for the phase (all its sessions, not an average of schools).");
        Field(p => p.NationalPhaseValue, nullable: true).Description("England's published figure for the phase, where one is published.");
    }
}

using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Api.Trends;
using AttendanceGraph.Schema.Characteristics;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Characteristics;

/// <summary>Root fields: a characteristic's groups, and the measures broken down by one for the LA, a phase or a school.</summary>
public static class CharacteristicQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CharacteristicGroupType>>>>("characteristicGroups")
            .Description("The groups of a characteristic, in order (UNKNOWN last): the codes breakdown rows carry and filters take.")
            .Argument<NonNullGraphType<CharacteristicEnum>>("characteristic")
            .Resolve(c => CharacteristicCatalogue.Groups(c.GetArgument<Characteristic>("characteristic")));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<BreakdownRowType>>>>("breakdown")
            .Description("The measures for each group of a characteristic, for the LA, a phase or a school, for all pupils or a cohort. " +
                         "Groups with no enrolments are left out; each row is published like any cell.")
            .Argument<NonNullGraphType<CharacteristicEnum>>("by")
            .MeasureArgs()
            .Argument<PhaseEnum>("phase")
            .Argument<IntGraphType>("urn")
            .ScopedToSchoolArgument("urn")
            .Resolve(c =>
            {
                var by = c.GetArgument<Characteristic>("by");
                return BreakdownRow.From(by, c.Protected().Measure(TrendScope.Apply(c, c.MeasureRequest() with { Breakdown = by })));
            });
    }
}

using AttendanceGraph.Api.Benchmarks;
using AttendanceGraph.Api.Cohorts;
using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Api.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Api.Trends;
using AttendanceGraph.Schema.Identifiers;
using AttendanceGraph.Schema.Measures;
using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Api.Schools;

public sealed class SchoolType : ObjectGraphType<SchoolInfo>
{
    public SchoolType()
    {
        Name = "School";
        // The school role sees only its own School object; other schools reach it only as anonymous peer positions.
        this.ScopedToSchool(source => (source as SchoolInfo)?.Urn);
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => SchoolNodeId.For(c.Source.Urn));
        Field(s => s.Urn).Description("Unique reference number (GIAS).");
        Field<NonNullGraphType<StringGraphType>>("laestab").Description("LA number and establishment number, e.g. 3192001.")
            .Resolve(c => Laestab.Format(c.Source.Laestab));
        Field(s => s.Name);
        Field(s => s.Phase, type: typeof(NonNullGraphType<PhaseEnum>));
        Field(s => s.EstablishmentType);
        Field(s => s.Status);
        Field(s => s.OpenDate, nullable: true);
        Field(s => s.CloseDate, nullable: true);
        Field<SchoolContactType>("contact")
            .RequiresRole(Roles.LaLead, Roles.VirtualSchool, Roles.School)
            .Resolve(c => c.RequestServices!.GetRequiredService<SchoolContacts>().For(c.Source.Urn));

        Field<NonNullGraphType<MeasuresType>>("measures")
            .MeasureArgs()
            .Resolve(c =>
            {
                var shape = c.MeasureRequest();
                return c.Protected().ForSchool(shape, c.Source.Urn)
                    .Then(rows => rows.FirstOrDefault()?.Measures ?? c.Protected().Empty(shape with { GroupBy = MeasureGrouping.School }, c.Source.Urn));
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TrendPointType>>>>("trend")
            .Argument<NonNullGraphType<GrainEnum>>("grain")
            .MeasureArgs()
            .Resolve(c =>
            {
                var grain = c.GetArgument<TimeGrain>("grain");
                var request = c.MeasureRequest() with { Grain = grain };
                return c.Protected().ForSchool(request, c.Source.Urn).Then(rows => TrendPoint.From(grain, request.Period, rows));
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CohortComparisonType>>>>("cohorts")
            .Description("Each cohort's measures against the rest of the school's pupils.")
            .MeasureArgs(withCohort: false)
            .Resolve(c => CohortComparison.ForSchool(c, c.Source.Urn));

        Field<NonNullGraphType<SchoolBenchmarkType>>("benchmark")
            .Description("The school against the LA average for its phase, England for its phase, and its LA peers of the same phase.")
            .MeasureArgs()
            .Resolve(c => SchoolBenchmark.For(c, c.Source));
    }
}

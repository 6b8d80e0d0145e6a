using AttendanceGraph.Api.Characteristics;
using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Api.Trends;
using AttendanceGraph.Schema.Identifiers;
using AttendanceGraph.Schema.Measures;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Tables;

public static class TableQueries
{
    public const int MaxPageSize = 1000;

    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<MeasureTableConnectionType>>("measureTable")
            .Description("A flat, paged table of measures (rows of scalar columns) for BI tools: point a root selector at data.measureTable.nodes.")
            .Argument<NonNullGraphType<TableGroupingEnum>>("groupBy")
            .Argument<GrainEnum>("grain", "Adds a row per time bucket.")
            .MeasureArgs()
            .BreakdownArg()
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .Resolve(c =>
            {
                var data = c.Data();
                var grouping = c.GetArgument<TableGrouping>("groupBy");
                var grain = c.GetArgument("grain", TimeGrain.None);
                var request = c.MeasureRequest() with
                {
                    IncludeCodes = false,
                    Grain = grain,
                    Breakdown = c.Breakdown(),
                    GroupBy = grouping switch
                    {
                        TableGrouping.School => MeasureGrouping.School,
                        TableGrouping.Phase => MeasureGrouping.Phase,
                        _ => MeasureGrouping.None,
                    },
                };
                var cohort = c.CohortKey();
                // The column holds the enum's GraphQL name, as a client would type it in the breakdown argument.
                var characteristic = (request.Breakdown ?? request.Filter?.Characteristic) is { } ch
                    ? GraphQL.StringExtensions.ToConstantCase(ch.ToString()) : null;
                var user = c.Access().User;
                var ownPhase = user.IsSchool ? data.Facts.School(user.Urn!.Value)?.Phase : null;
                var rows = c.Protected().Measure(request)
                    // The school role's table: its own rows, its own phase, and the LA totals.
                    .Where(r => !user.IsSchool || grouping switch
                    {
                        TableGrouping.School => r.Urn == user.Urn,
                        TableGrouping.Phase => r.Phase == ownPhase,
                        _ => true,
                    })
                    .ToList();
                MeasureTableRow Row(PublishedRow r)
                {
                    var period = r.BucketStart is { } b ? TrendPeriods.For(grain, b, request.Period) : request.Period;
                    var school = r.Urn is { } urn ? data.Facts.School(urn) : null;
                    return new MeasureTableRow(r.Urn, school is null ? null : Laestab.Format(school.Laestab), school?.Name,
                        school?.Phase ?? r.Phase, period.Label, period.Start, period.End, cohort, r.Measures)
                    {
                        Characteristic = characteristic,
                        Group = r.Group ?? request.Filter?.Group,
                    };
                }
                return Paging.Page(rows, Row, c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), MaxPageSize, MaxPageSize);
            });
    }
}

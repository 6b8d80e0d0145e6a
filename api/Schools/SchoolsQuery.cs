using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Measures;
using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay.DataObjects;

namespace AttendanceGraph.Api.Schools;

/// <summary>
/// The school list: filters on directory fields and on any measure, sorting by any measure, Relay cursor paging.
/// Filtering or sorting by a measure measures every candidate school in one query and primes the batch loader,
/// so the page's <c>measures</c> fields cost nothing more.
/// </summary>
public static class SchoolsQuery
{
    public const int MaxPageSize = 100;
    private const int DefaultPageSize = 50;

    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<SchoolConnectionType>>("schools")
            .Description("Schools in the local authority, filtered, sorted and paged (Relay cursors; at most 100 a page).")
            .Argument<PhaseEnum>("phase")
            .Argument<StringGraphType>("establishmentType", "Exact GIAS establishment type, e.g. \"Academy converter\".")
            .Argument<StringGraphType>("nameContains", "Case-insensitive part of the school's name.")
            .Argument<MeasureFilterInput>("where", "A condition on a measure over the period and cohort below.")
            .Argument<MeasureEnum>("orderBy", "Sort by this measure (over the period and cohort below); default: by name.")
            .Argument<SortDirectionEnum>("direction", a => a.DefaultValue = SortDirection.Descending)
            .MeasureArgs()
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .Argument<IntGraphType>("last").Argument<StringGraphType>("before")
            .Resolve(Resolve);

        query.Field<SchoolType>("school")
            .Description("One school by its URN.")
            .Argument<NonNullGraphType<IntGraphType>>("urn")
            .ScopedToSchoolArgument("urn")
            .Resolve(c => c.Data().Facts.School(c.GetArgument<int>("urn")));
    }

    private static Connection<SchoolInfo> Resolve(IResolveFieldContext c)
    {
        var data = c.Data();
        IEnumerable<SchoolInfo> schools = data.Facts.Schools;
        // The school role's list holds only its own school.
        var user = c.Access().User;
        if (user.IsSchool) schools = schools.Where(s => s.Urn == user.Urn);
        if (c.GetArgument<string?>("phase") is { } phase) schools = schools.Where(s => s.Phase == phase);
        if (c.GetArgument<string?>("establishmentType") is { } type) schools = schools.Where(s => s.EstablishmentType == type);
        if (c.GetArgument<string?>("nameContains") is { Length: > 0 } name)
            schools = schools.Where(s => s.Name.Contains(name, StringComparison.OrdinalIgnoreCase));
        var candidates = schools.ToList();

        var filter = c.GetArgument<MeasureFilter?>("where");
        var orderBy = c.GetArgument<MeasureSelector?>("orderBy");
        if (filter is not null || orderBy is not null)
        {
            // Filter and sort on the values as published to this caller, the same the page's measures fields show.
            var shape = c.MeasureRequest() with { IncludeCodes = false };
            var values = c.Protected().Schools(shape, candidates.Select(s => s.Urn).ToList());
            var measured = candidates.Select(s => (School: s, Values: values[s.Urn])).ToList();
            if (filter is not null) measured = measured.Where(m => filter.Keeps(filter.Measure.Value(m.Values))).ToList();
            if (orderBy is not null)
            {
                var descending = c.GetArgument("direction", SortDirection.Descending) == SortDirection.Descending;
                // Schools with no value (no possible sessions) always sort last; ties break by name for stable paging.
                measured = measured
                    .OrderBy(m => orderBy.Value(m.Values) is null)
                    .ThenBy(m => (descending ? -1 : 1) * (orderBy.Value(m.Values) ?? 0))
                    .ThenBy(m => m.School.Name, StringComparer.Ordinal)
                    .ToList();
            }
            candidates = measured.Select(m => m.School).ToList();
        }
        return Paging.Page(candidates, c.GetArgument<int?>("first"), c.GetArgument<string?>("after"),
            c.GetArgument<int?>("last"), c.GetArgument<string?>("before"), DefaultPageSize, MaxPageSize);
    }
}

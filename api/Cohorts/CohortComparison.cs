using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Measures;
using GraphQL;
using GraphQL.DataLoader;

namespace AttendanceGraph.Api.Cohorts;

/// <summary>A cohort's measures against everyone else in the same scope (the cohort gap), optionally for one time bucket; both as published.</summary>
public sealed record CohortComparison(ReportingCohort Cohort, Period? Period, DisclosedMeasures Measures, DisclosedMeasures Rest)
{
    /// <summary>Every cohort for one school, batched across schools: cohorts and rest read together, one query per request shape.</summary>
    public static IDataLoaderResult<IReadOnlyList<CohortComparison>> ForSchool(IResolveFieldContext c, int urn)
    {
        var (inCohort, rest) = Shapes(c);
        var source = c.Protected();
        var empty = source.Empty(inCohort with { GroupBy = MeasureGrouping.School }, urn);
        var cohorts = c.Data().Facts.Cohorts;
        return source.ForSchoolTogether([inCohort, rest], urn).Then(both => Combine(cohorts, both[0], both[1], empty, inCohort.Period));
    }

    /// <summary>Every cohort in a scope (LA, phase, school) with no batching needed: cohorts and rest read together.</summary>
    public static IReadOnlyList<CohortComparison> ForScope(IResolveFieldContext c, MeasureRequest scope)
    {
        var (inCohort, rest) = Shapes(c);
        var source = c.Protected();
        var cohortShape = inCohort with { Phase = scope.Phase, Urns = scope.Urns, Grain = scope.Grain };
        var both = source.MeasureTogether([cohortShape, rest with { Phase = scope.Phase, Urns = scope.Urns, Grain = scope.Grain }]);
        return Combine(c.Data().Facts.Cohorts, both[0], both[1], source.Empty(cohortShape, null), scope.Period, scope.Grain);
    }

    private static (MeasureRequest InCohort, MeasureRequest Others) Shapes(IResolveFieldContext c)
    {
        var baseRequest = c.MeasureRequest() with { Cohorts = c.Data().Facts.Cohorts.Select(k => k.Key).ToList() };
        return (baseRequest with { Population = Population.Cohort }, baseRequest with { Population = Population.RestOfPupils });
    }

    /// <summary>Rows in the catalogue's order (statutory cohorts, then the LA's), within each time bucket.</summary>
    private static IReadOnlyList<CohortComparison> Combine(IReadOnlyList<ReportingCohort> catalogue, IReadOnlyList<PublishedRow> cohortRows, IReadOnlyList<PublishedRow> restRows,
        DisclosedMeasures empty, Period asked, TimeGrain grain = TimeGrain.None)
    {
        var rest = restRows.ToDictionary(r => (r.Cohort, r.BucketStart));
        var cohorts = cohortRows.ToDictionary(r => (r.Cohort, r.BucketStart));
        var order = catalogue.Select((k, i) => (k, i)).ToDictionary(x => x.k.Key, x => x);
        var keys = rest.Keys.Union(cohorts.Keys).Where(k => order.ContainsKey(k.Cohort!)).OrderBy(k => k.BucketStart).ThenBy(k => order[k.Cohort!].i);
        return keys.Select(k => new CohortComparison(
            order[k.Cohort!].k,
            k.BucketStart is { } b ? Trends.TrendPeriods.For(grain, b, asked) : null,
            cohorts.GetValueOrDefault(k)?.Measures ?? empty,
            rest.GetValueOrDefault(k)?.Measures ?? empty)).ToList();
    }
}

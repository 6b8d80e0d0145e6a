using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Rollups;

/// <summary>
/// Answers a <see cref="MeasureRequest"/> from <see cref="SchoolRollup"/> when it can be answered exactly there: a named
/// period of one academic year (or a range equal to one; for a weekly series, any run of whole fragments in one year), by enrolment, without the per-code breakdown or a
/// cohort-within-cohort, under the official methodology, with no grain or a week/month grain whose buckets lie inside the period. Anything else returns
/// null and <see cref="MeasureQuery"/> reads the enrolment aggregates. The SQL returns the same columns, rows and order
/// as <see cref="MeasureQuery.Build"/>, so the two are interchangeable (tests compare them cell by cell, cell keys too).
/// </summary>
public static class RollupMeasureQuery
{
    /// <summary>Whether the connection's database holds the rollup (a warehouse published before it existed does not).</summary>
    public static bool Available(DuckDBConnection connection) => WarehouseTables.Has(connection, SchoolRollup.Table);

    /// <summary>
    /// The buckets the request reads: the <paramref name="r"/>'s grain kind's buckets within [From, To], plus the
    /// <see cref="RollupBucket.WeekPart"/>s starting on <see cref="RollupScope.WeekParts"/> where a week sticks out of the
    /// period (a month's weekly trend); null when the rollup cannot answer it exactly.
    /// </summary>
    public static RollupScope? Scope(MeasureRequest r)
    {
        // The rollup stores each school's enrolment counts under the official method only: a live request, whose counts
        // leave out enrolments with 10 or fewer possible sessions, reads the enrolment aggregates (the same figures, tested).
        if (r.Unit != MeasureUnit.Enrolment || r.WithinCohort is not null || r.IncludeCodes || r.Methodology != Methodology.Official) return null;
        // The rollup holds no characteristics: breakdowns and filters read the enrolment aggregates joined to the pupils.
        if (r.Breakdown is not null || r.Filter is not null) return null;
        // Nor residence: a population other than the LA's schools (or every school) reads the enrolment aggregates too.
        if (r.LaPopulation is not (LaPopulation.LaSchools or LaPopulation.AnySchool)) return null;
        var year = AcademicYear.Containing(r.Period.Start);
        if (!year.Contains(r.Period.End)) return null;
        var buckets = RollupBucket.For(year);
        var period = buckets.FirstOrDefault(b => b.From == r.Period.Start && b.To == r.Period.End);
        // A weekly series needs no named period: any run of whole fragments is its weeks, and its week parts where a month
        // starts or ends mid-week (a day range's whole weeks, WeeklySplit).
        if (period is null && r.Grain == TimeGrain.Week && r.Period.IsFragmentAligned)
            period = new RollupBucket(RollupBucket.Week, r.Period.Start, r.Period.End, r.Period.Start);
        if (period is null) return null;
        var kind = r.Grain switch
        {
            TimeGrain.None => period.Kind,
            TimeGrain.Week => RollupBucket.Week,
            TimeGrain.Month => RollupBucket.Month,
            _ => null, // half-term and term buckets absorb holidays differently from the periods (MeasureQuery's CASE)
        };
        if (kind is null) return null;
        // The grain's buckets must tile the period. A week sticking out of it (a month's weekly trend) is read as its part
        // inside the period, which MeasureQuery reports under the same Monday; a month sticking out (a term's monthly
        // trend) has no parts, so the aggregates answer it.
        var inGrain = buckets.Where(b => b.Kind == kind && b.From <= period.To && b.To >= period.From).ToList();
        var parts = new List<DateOnly>();
        foreach (var b in inGrain.Where(b => b.From < period.From || b.To > period.To))
        {
            if (kind != RollupBucket.Week) return null;
            var part = buckets.FirstOrDefault(x => x.Kind == RollupBucket.WeekPart && x.Label == b.Label && x.From >= period.From && x.To <= period.To);
            if (part is null) return null;
            parts.Add(part.From);
        }
        return new RollupScope(kind, period.From, period.To, parts);
    }

    /// <summary>The group columns a statement written to be fused returns, in the order every statement sorts by those it has.</summary>
    public static IReadOnlyList<string> GroupColumns { get; } = ["g_cohort", "g_urn", "g_phase", "g_bucket"];

    private static readonly Dictionary<string, string> GroupColumnTypes = new()
    {
        ["g_cohort"] = "VARCHAR", ["g_urn"] = "INTEGER", ["g_phase"] = "VARCHAR", ["g_bucket"] = "DATE",
    };

    /// <param name="otherLaSchools">Rows read may be at other LAs' schools: sum only the LA's own school rows (<see cref="MeasureQuery"/>'s TestsLaSchools).</param>
    /// <param name="fusedAs">
    /// Written to be one part of a UNION ALL (<see cref="MeasureQuery.RunTogether"/>): parameters named with this prefix, every
    /// group column and cell-key column present (null where the request has none), and no ORDER BY of its own.
    /// </param>
    /// <param name="alwaysGroup">Sum with GROUP BY even where each group is one row (<see cref="OneRowAGroup"/>): tests compare the two.</param>
    public static (string Sql, List<(string Name, object? Value)> Parameters)? TryBuild(MeasureRequest r, bool otherLaSchools = true, string? fusedAs = null,
        bool alwaysGroup = false) =>
        Build(r, otherLaSchools, fusedAs, cohortParts: false, alwaysGroup);

    /// <summary>
    /// Each group of the request is exactly one rollup row, so its statement selects the rows rather than summing them: a
    /// school's cells of one named period (no grain, so one bucket), compulsory age only (one age row), all pupils or each
    /// asked cohort (one row each; the rest beside a cohort is two, but its parts, <see cref="TryBuildCohortParts"/>, are one
    /// row each). The rollup has one row per bucket, school, cohort, rest and age. On the 38 M-mark LA's primary schools for
    /// a term the sum's hash grouping was half the statement's time and half its growth with the schools (275 → 1,095 rows:
    /// 2.6–3.0 → 3.5–3.8 ms summed, 2.0–2.2 → 2.6–2.8 ms selected).
    /// </summary>
    private static bool OneRowAGroup(MeasureRequest r) =>
        r is { GroupBy: MeasureGrouping.School, Grain: TimeGrain.None, IncludeAllAges: false, Population: Population.AllPupils or Population.Cohort };

    /// <summary>
    /// The parts both a cohort request and the rest beside it are sums of, for <paramref name="r"/>'s cohorts and scope: per
    /// group (school, phase, bucket as asked), the all-pupils row (<c>part_cohort = ''</c>), each cohort's row, and each
    /// cohort's rest correction (<c>part_rest</c>), with the raw key sums (<c>ks_*</c>) and no HAVING. The cohort's figures
    /// are its row; the rest's are the all-pupils row plus the correction, as <see cref="Population.RestOfPupils"/> sums them.
    /// Null when the rollup cannot answer the request. Written to be fused, as <paramref name="fusedAs"/> says for TryBuild.
    /// </summary>
    public static (string Sql, List<(string Name, object? Value)> Parameters)? TryBuildCohortParts(MeasureRequest r, bool otherLaSchools, string fusedAs,
        bool alwaysGroup = false) =>
        r.Population == Population.AllPupils ? null : Build(r, otherLaSchools, fusedAs, cohortParts: true, alwaysGroup);

    /// <summary>The part columns of <see cref="TryBuildCohortParts"/>' rows.</summary>
    public const string PartCohortColumn = "part_cohort", PartRestColumn = "part_rest";

    private static (string Sql, List<(string Name, object? Value)> Parameters)? Build(MeasureRequest r, bool otherLaSchools, string? fusedAs, bool cohortParts,
        bool alwaysGroup)
    {
        if (Scope(r) is not { } scope) return null;
        var selectRows = !alwaysGroup && OneRowAGroup(r) && scope.WeekParts.Count == 0;
        var prefix = fusedAs ?? "";
        var p = new List<(string, object?)>();
        string P(string name, object? value)
        {
            p.Add((prefix + name, value));
            return "$" + prefix + name;
        }
        var where = new List<string> { $"r.kind = {P("kind", scope.Kind)}", $"r.b_from >= {P("from", scope.From)}", $"r.b_to <= {P("to", scope.To)}", $"(r.compulsory OR {P("all_ages", r.IncludeAllAges)})" };
        if (scope.WeekParts.Count > 0)
        {
            // Conjunctive ranges first, so the scan skips row groups on them ('week' and 'week_part' sort next to each other).
            var weekPart = P("week_part", RollupBucket.WeekPart);
            var parts = scope.WeekParts.Select((d, i) => P($"part{i}", d)).ToList();
            where[0] = $"r.kind IN ({"$" + prefix}kind, {weekPart}) AND (r.kind = {"$" + prefix}kind OR r.b_from IN ({string.Join(", ", parts)}))";
        }
        if (r.LaPopulation == LaPopulation.LaSchools && otherLaSchools) where.Add($"r.urn IN ({ServedLocalAuthority.SchoolsSql})");
        var keys = new List<string>();
        var from = $"{SchoolRollup.Table} r";
        var groups = new Dictionary<string, string>();
        var cohorts = r.Population == Population.AllPupils ? [] : r.Cohorts.Distinct().Select((k, i) => P($"k{i}", k)).ToList();
        switch (cohortParts ? (Population?)null : r.Population)
        {
            case null:
                where.Add($"((r.cohort = '' AND NOT r.rest) OR r.cohort IN ({string.Join(", ", cohorts)}))");
                break;
            case Population.AllPupils:
                where.Add("r.cohort = '' AND NOT r.rest");
                break;
            case Population.Cohort:
                where.Add($"r.cohort IN ({string.Join(", ", cohorts)}) AND NOT r.rest");
                groups["g_cohort"] = "r.cohort";
                break;
            default:
                // The rest beside cohort k: all pupils plus k's correction rows.
                from += $" CROSS JOIN (VALUES {string.Join(", ", cohorts.Select(n => $"({n}::VARCHAR)"))}) k(g_cohort)";
                where.Add("((r.cohort = '' AND NOT r.rest) OR (r.rest AND r.cohort = k.g_cohort))");
                groups["g_cohort"] = "k.g_cohort";
                break;
        }
        if (r.GroupBy == MeasureGrouping.School) groups["g_urn"] = "r.urn";
        if (r.Phase is not null || r.GroupBy == MeasureGrouping.Phase) from += " JOIN schools s ON s.urn = r.urn";
        if (r.GroupBy == MeasureGrouping.Phase) groups["g_phase"] = "s.phase";
        if (r.Grain != TimeGrain.None) groups["g_bucket"] = "r.label";
        if (r.Phase is not null) where.Add($"s.phase = {P("phase", r.Phase)}");
        if (r.Urns is not null)
        {
            // One list parameter rather than one per school: the schools list names every school (406 on the 38M-mark LA),
            // and binding them one by one cost about 5 of the 12-15 ms CPU its read of a week took; unnested, 7-8 ms.
            var urns = r.Urns.Distinct().ToArray();
            where.Add(urns.Length == 0 ? "FALSE" : $"r.urn IN (SELECT unnest({P("urns", urns)}))");
        }
        var select = new List<string>();
        if (cohortParts)
        {
            select.AddRange([$"r.cohort AS {PartCohortColumn}", $"r.rest AS {PartRestColumn}"]);
            keys.AddRange([PartCohortColumn, PartRestColumn]);
        }
        foreach (var column in GroupColumns)
        {
            if (groups.TryGetValue(column, out var expr))
            {
                select.Add($"{expr} AS {column}");
                keys.Add(column);
            }
            else if (fusedAs is not null) select.Add($"NULL::{GroupColumnTypes[column]} AS {column}");
        }
        // Selected rather than summed, a group's one row is its sum (OneRowAGroup).
        string Sum(string column) => selectRows ? $"r.{column}" : $"sum(r.{column})";
        select.AddRange(SchoolRollup.PersonColumns.Concat(SchoolRollup.SessionColumns).Select(c => $"{Sum(c.Name)}::BIGINT AS {c.Name}"));
        var keyColumns = SchoolRollup.PersonColumns.Select(c => (Sum: SchoolRollup.KeySumColumn(c), As: MeasureQuery.KeyColumn(c)))
            .Append((Sum: SchoolRollup.SessionKeySumColumn, As: MeasureQuery.SessionKeyColumn));
        if (cohortParts) select.AddRange(keyColumns.Select(c => $"{Sum(c.Sum)}::BIGINT AS {c.Sum}"));
        else if (r.CellKeys) select.AddRange(keyColumns.Select(c => $"({Sum(c.Sum)} % 256)::BIGINT AS {c.As}"));
        else if (fusedAs is not null) select.AddRange(keyColumns.Select(c => $"NULL::BIGINT AS {c.As}"));
        // As the grouped statement's HAVING: a group exists only if it has an enrolment (parts have none: every part is read).
        if (selectRows && !cohortParts) where.Add($"r.{MeasureCatalogue.Enrolments.Name} > 0");
        var sql = $"SELECT {string.Join(",\n  ", select)}\nFROM {from}\nWHERE {string.Join(" AND ", where)}";
        // Grouped, a group exists only if it has an enrolment (as MeasureQuery's per-enrolment rows give); ungrouped,
        // the one row is returned even when empty, as an aggregate over no rows is.
        if (selectRows)
        {
            if (fusedAs is null && !cohortParts) sql += $"\nORDER BY {string.Join(", ", keys)}";
        }
        else if (cohortParts) sql += $"\nGROUP BY {string.Join(", ", keys)}";
        else if (keys.Count > 0)
        {
            var k = string.Join(", ", keys);
            sql += $"\nGROUP BY {k}\nHAVING sum(r.{MeasureCatalogue.Enrolments.Name}) > 0";
            if (fusedAs is null) sql += $"\nORDER BY {k}";
        }
        return (sql, p);
    }
}

/// <summary>
/// What <see cref="RollupMeasureQuery"/> reads: buckets of <paramref name="Kind"/> within [<paramref name="From"/>,
/// <paramref name="To"/>], and the week parts starting on <paramref name="WeekParts"/> in place of weeks that stick out.
/// </summary>
public sealed record RollupScope(string Kind, DateOnly From, DateOnly To, IReadOnlyList<DateOnly> WeekParts);

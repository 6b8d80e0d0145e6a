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

    /// <param name="otherLaSchools">The warehouse holds enrolments at schools of other LAs: sum only the LA's own school rows.</param>
    public static (string Sql, List<(string Name, object? Value)> Parameters)? TryBuild(MeasureRequest r, bool otherLaSchools = true)
    {
        if (Scope(r) is not { } scope) return null;
        var p = new List<(string, object?)> { ("kind", scope.Kind), ("from", scope.From), ("to", scope.To), ("all_ages", r.IncludeAllAges) };
        var where = new List<string> { "r.kind = $kind", "r.b_from >= $from", "r.b_to <= $to", "(r.compulsory OR $all_ages)" };
        if (scope.WeekParts.Count > 0)
        {
            // Conjunctive ranges first, so the scan skips row groups on them ('week' and 'week_part' sort next to each other).
            p.Add(("week_part", RollupBucket.WeekPart));
            var parts = scope.WeekParts.Select((d, i) => { p.Add(($"part{i}", d)); return $"$part{i}"; });
            where[0] = $"r.kind IN ($kind, $week_part) AND (r.kind = $kind OR r.b_from IN ({string.Join(", ", parts)}))";
        }
        if (r.LaPopulation == LaPopulation.LaSchools && otherLaSchools) where.Add($"r.urn IN ({ServedLocalAuthority.SchoolsSql})");
        var keys = new List<string>();
        var from = $"{SchoolRollup.Table} r";
        var select = new List<string>();
        var cohorts = r.Population == Population.AllPupils ? []
            : r.Cohorts.Distinct().Select((k, i) => { p.Add(($"k{i}", k)); return $"$k{i}"; }).ToList();
        switch (r.Population)
        {
            case Population.AllPupils:
                where.Add("r.cohort = '' AND NOT r.rest");
                break;
            case Population.Cohort:
                where.Add($"r.cohort IN ({string.Join(", ", cohorts)}) AND NOT r.rest");
                select.Add("r.cohort AS g_cohort");
                keys.Add("g_cohort");
                break;
            default:
                // The rest beside cohort k: all pupils plus k's correction rows.
                from += $" CROSS JOIN (VALUES {string.Join(", ", cohorts.Select(n => $"({n}::VARCHAR)"))}) k(g_cohort)";
                where.Add("((r.cohort = '' AND NOT r.rest) OR (r.rest AND r.cohort = k.g_cohort))");
                select.Add("k.g_cohort AS g_cohort");
                keys.Add("g_cohort");
                break;
        }
        if (r.GroupBy == MeasureGrouping.School)
        {
            select.Add("r.urn AS g_urn");
            keys.Add("g_urn");
        }
        if (r.Phase is not null || r.GroupBy == MeasureGrouping.Phase) from += " JOIN schools s ON s.urn = r.urn";
        if (r.GroupBy == MeasureGrouping.Phase)
        {
            select.Add("s.phase AS g_phase");
            keys.Add("g_phase");
        }
        if (r.Grain != TimeGrain.None)
        {
            select.Add("r.label AS g_bucket");
            keys.Add("g_bucket");
        }
        if (r.Phase is not null)
        {
            p.Add(("phase", r.Phase));
            where.Add("s.phase = $phase");
        }
        if (r.Urns is not null)
        {
            // One list parameter rather than one per school: the schools list names every school (406 on the 38M-mark LA),
            // and binding them one by one cost about 5 of the 12-15 ms CPU its read of a week took; unnested, 7-8 ms.
            var urns = r.Urns.Distinct().ToArray();
            if (urns.Length > 0) p.Add(("urns", urns));
            where.Add(urns.Length == 0 ? "FALSE" : "r.urn IN (SELECT unnest($urns))");
        }
        select.AddRange(SchoolRollup.PersonColumns.Concat(SchoolRollup.SessionColumns).Select(c => $"sum(r.{c.Name})::BIGINT AS {c.Name}"));
        if (r.CellKeys)
        {
            select.AddRange(SchoolRollup.PersonColumns.Select(c => $"(sum(r.{SchoolRollup.KeySumColumn(c)}) % 256)::BIGINT AS {MeasureQuery.KeyColumn(c)}"));
            select.Add($"(sum(r.{SchoolRollup.SessionKeySumColumn}) % 256)::BIGINT AS {MeasureQuery.SessionKeyColumn}");
        }
        var sql = $"SELECT {string.Join(",\n  ", select)}\nFROM {from}\nWHERE {string.Join(" AND ", where)}";
        // Grouped, a group exists only if it has an enrolment (as MeasureQuery's per-enrolment rows give); ungrouped,
        // the one row is returned even when empty, as an aggregate over no rows is.
        if (keys.Count > 0)
        {
            var k = string.Join(", ", keys);
            sql += $"\nGROUP BY {k}\nHAVING sum(r.{MeasureCatalogue.Enrolments.Name}) > 0\nORDER BY {k}";
        }
        return (sql, p);
    }
}

/// <summary>
/// What <see cref="RollupMeasureQuery"/> reads: buckets of <paramref name="Kind"/> within [<paramref name="From"/>,
/// <paramref name="To"/>], and the week parts starting on <paramref name="WeekParts"/> in place of weeks that stick out.
/// </summary>
public sealed record RollupScope(string Kind, DateOnly From, DateOnly To, IReadOnlyList<DateOnly> WeekParts);

using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Measures;

public static partial class MeasureQuery
{
    private static readonly string[] PartValueColumns =
    [
        .. SchoolRollup.PersonColumns.Concat(SchoolRollup.SessionColumns).Select(c => c.Name),
        .. SchoolRollup.PersonColumns.Select(SchoolRollup.KeySumColumn),
        SchoolRollup.SessionKeySumColumn,
    ];

    /// <summary>Where each column a cell reads is found among <see cref="PartValueColumns"/>; a cell key is its key sum mod 256.</summary>
    private static readonly Dictionary<string, (int Index, bool Key)> PartColumn = BuildPartColumns();

    private static Dictionary<string, (int Index, bool Key)> BuildPartColumns()
    {
        var columns = PartValueColumns.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => (x.i, false), StringComparer.Ordinal);
        foreach (var c in SchoolRollup.PersonColumns) columns[KeyColumn(c)] = (Array.IndexOf(PartValueColumns, SchoolRollup.KeySumColumn(c)), true);
        columns[SessionKeyColumn] = (Array.IndexOf(PartValueColumns, SchoolRollup.SessionKeySumColumn), true);
        return columns;
    }

    /// <summary>
    /// The pairs of requests that differ only in asking for a cohort and for the rest beside it (the cohort view asks both).
    /// </summary>
    private static IEnumerable<(int Cohort, int RestBeside)> CohortRestPairs(IReadOnlyList<MeasureRequest> requests)
    {
        var rests = new HashSet<int>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i].Population != Population.Cohort) continue;
            var shape = requests[i].ResultKey;
            for (var j = 0; j < requests.Count; j++)
                if (requests[j].Population == Population.RestOfPupils && !rests.Contains(j) && (requests[j] with { Population = Population.Cohort }).ResultKey == shape)
                {
                    rests.Add(j);
                    yield return (i, j);
                    break;
                }
        }
    }

    /// <summary>
    /// A cohort request and the rest beside it from one statement: the rollup's parts per group (the all-pupils row, each
    /// cohort's row and its rest correction, <see cref="RollupMeasureQuery.TryBuildCohortParts"/>), the cohort's cells being
    /// its rows and the rest's the all-pupils row plus the correction, as the rest's own statement sums them; the same
    /// groups (a group with no enrolment is left out), values, cell keys and order as each request read alone. Null when
    /// the rollup does not answer both.
    /// </summary>
    private static (List<MeasureRow> Cohort, List<MeasureRow> RestBeside)? CohortAndRest(DuckDBConnection connection, MeasureRequest cohort, MeasureRequest rest, string prefix)
    {
        var cohortPlan = Plan(connection, cohort, wholeFragmentsFromAggregates: true, fromRollup: true, prefix);
        var restPlan = Plan(connection, rest, wholeFragmentsFromAggregates: true, fromRollup: true, prefix);
        if (!cohortPlan.FromRollup || !restPlan.FromRollup) return null;
        if (RollupMeasureQuery.TryBuildCohortParts(cohort, TestsLaSchools(connection, cohort), prefix) is not var (sql, parameters)) return null;

        var parts = new Dictionary<(Group Group, string Cohort, bool IsRest), long[]>();
        foreach (var r in connection.Rows(sql, parameters.ToArray()))
        {
            var group = new Group(
                cohort.GroupBy == MeasureGrouping.School ? r.GetInt32(r.GetOrdinal("g_urn")) : null,
                cohort.GroupBy == MeasureGrouping.Phase ? r.GetString(r.GetOrdinal("g_phase")) : null,
                cohort.Grain != TimeGrain.None ? r.GetFieldValue<DateOnly>(r.GetOrdinal("g_bucket")) : null);
            parts[(group, r.GetString(r.GetOrdinal(RollupMeasureQuery.PartCohortColumn)), r.GetBoolean(r.GetOrdinal(RollupMeasureQuery.PartRestColumn)))] =
                PartValueColumns.Select(c => Long(r, c)).ToArray();
        }

        var enrolments = Array.IndexOf(PartValueColumns, MeasureCatalogue.Enrolments.Name);
        var groups = parts.Keys.Select(k => k.Group).Distinct().ToList();
        var cohortRows = new List<MeasureRow>();
        var restRows = new List<MeasureRow>();
        foreach (var k in cohort.Cohorts.Distinct())
            foreach (var g in groups)
            {
                if (parts.TryGetValue((g, k, false), out var own) && own[enrolments] > 0)
                    cohortRows.Add(cohortPlan.Cell(g.Urn, g.Phase, g.Bucket, k, null, Column(own)));
                var all = parts.GetValueOrDefault((g, "", false));
                var correction = parts.GetValueOrDefault((g, k, true));
                if (all is null && correction is null) continue;
                var sum = PartValueColumns.Select((_, i) => (all?[i] ?? 0) + (correction?[i] ?? 0)).ToArray();
                if (sum[enrolments] > 0) restRows.Add(restPlan.Cell(g.Urn, g.Phase, g.Bucket, k, null, Column(sum)));
            }
        return (InStatementOrder(cohortRows), InStatementOrder(restRows));
    }

    private sealed record Group(int? Urn, string? Phase, DateOnly? Bucket);

    private static Func<string, long> Column(long[] values) => name =>
        PartColumn.TryGetValue(name, out var c) ? c.Key ? values[c.Index] % 256 : values[c.Index] : 0;

    /// <summary>
    /// As the rollup's statements order their rows: cohort, school, phase, bucket. DuckDB sorts text by its UTF-8 bytes; ordinal
    /// order is the same for ASCII, which cohort keys are (<see cref="Cohorts.CohortKey"/>: A-Z, 0-9, _) and GIAS's phase names.
    /// </summary>
    private static List<MeasureRow> InStatementOrder(List<MeasureRow> rows) =>
        rows.OrderBy(r => r.Cohort, StringComparer.Ordinal).ThenBy(r => r.Urn).ThenBy(r => r.Phase, StringComparer.Ordinal).ThenBy(r => r.BucketStart).ToList();
}

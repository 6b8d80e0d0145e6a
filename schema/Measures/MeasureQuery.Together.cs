using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Measures;

public static partial class MeasureQuery
{
    /// <summary>
    /// Several requests' rows, each list exactly as <see cref="Run"/> gives it, with the requests the school rollup answers
    /// read by as few statements as it allows: a cohort and the rest beside it from one statement over their common parts
    /// (<see cref="CohortAndRest"/>), and the others together in one more. A dashboard view often needs two requests over the
    /// same rollup rows (a school's cohorts and the rest beside them; a phase's schools and the phase as a whole); each
    /// statement costs DuckDB about 2-3 ms however few rows it reads (planning, optimising, scheduling).
    /// </summary>
    /// <param name="read">Called once for each statement read here, and once for each request left to <see cref="Run"/> (which may read several).</param>
    public static IReadOnlyList<IReadOnlyList<MeasureRow>> RunTogether(DuckDBConnection connection, IReadOnlyList<MeasureRequest> requests, Action? read = null)
    {
        if (requests.Count == 1)
        {
            read?.Invoke();
            return [Run(connection, requests[0])];
        }
        var results = new IReadOnlyList<MeasureRow>[requests.Count];
        foreach (var request in requests) EnsureCohorts(request);
        // A cohort and the rest beside it read the same rollup rows: one statement gives both.
        foreach (var (cohort, rest) in CohortRestPairs(requests).ToList())
            if (CohortAndRest(connection, requests[cohort], requests[rest], $"q{cohort}_") is var (cohortRows, restRows))
            {
                read?.Invoke();
                (results[cohort], results[rest]) = (cohortRows, restRows);
            }
        var fused = new List<(int Index, PlannedMeasure Plan)>();
        for (var i = 0; i < requests.Count; i++)
        {
            if (results[i] is not null) continue;
            var request = requests[i];
            // A weekly series over a day range is several statements of its own (ByWeeks).
            if (request.Grain == TimeGrain.Week && WeeklySplit.Of(request.Period) is not null)
            {
                read?.Invoke();
                results[i] = Run(connection, request);
                continue;
            }
            var plan = Plan(connection, request, wholeFragmentsFromAggregates: true, fromRollup: true, fusedAs: $"q{i}_");
            if (plan.FromRollup) fused.Add((i, plan));
            else
            {
                read?.Invoke();
                results[i] = connection.Rows(plan.Sql, plan.Parameters.ToArray()).Select(plan.Read).ToList();
            }
        }
        if (fused.Count == 0) return results;

        // Each request's rows are tagged with its index and keep their own order: RollupMeasureQuery writes every group
        // column (null where the request has none) in the order its own ORDER BY lists them.
        var sql = $"SELECT * FROM ({string.Join("\nUNION ALL\n", fused.Select(f => $"SELECT {f.Index} AS q, * FROM ({f.Plan.Sql})"))})\n" +
                  $"ORDER BY q, {string.Join(", ", RollupMeasureQuery.GroupColumns)}";
        read?.Invoke();
        var rows = fused.ToDictionary(f => f.Index, _ => new List<MeasureRow>());
        var plans = fused.ToDictionary(f => f.Index, f => f.Plan);
        foreach (var r in connection.Rows(sql, fused.SelectMany(f => f.Plan.Parameters).ToArray()))
        {
            var q = r.GetInt32(r.GetOrdinal("q"));
            rows[q].Add(plans[q].Read(r));
        }
        foreach (var (index, list) in rows) results[index] = list;
        return results;
    }
}

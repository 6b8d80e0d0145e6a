using AttendanceGraph.Etl.Model;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Stage;

/// <summary>
/// Merges a batch's session totals (DfE pupil-level files) into <c>session_totals</c>. DfE's download is the full
/// list of a school's pupils for the week, so a later file replaces every earlier total of each school and week it
/// holds (a correction can remove a pupil listed by mistake); loading the same file again writes the same rows.
/// The enrolment-weeks whose totals changed, were added or were removed are recorded as dirty, so only their
/// aggregates are rebuilt.
/// </summary>
public static class SessionTotalsStager
{
    private const string Staged = "stage_totals";

    public static void Merge(DuckDBConnection c, IReadOnlyList<SessionTotalsRecord> totals,
        IReadOnlyDictionary<string, int> pupilIds, int batchId)
    {
        c.Execute("CREATE TABLE IF NOT EXISTS stage_dirty_weeks (pupil_id INTEGER NOT NULL, week_start DATE NOT NULL)");
        if (totals.Count == 0) return;
        c.Execute($"CREATE OR REPLACE TEMP TABLE {Staged} AS SELECT * FROM session_totals LIMIT 0");
        using (var a = c.CreateAppender(Staged))
        {
            foreach (var t in totals)
                a.CreateRow().AppendValue(t.SchoolUrn).AppendValue(pupilIds[t.Upn]).AppendValue(t.SpanStart).AppendValue(t.SpanEnd)
                    .AppendValue(t.Possible).AppendValue(t.Present).AppendValue(t.ApprovedEducationalActivity)
                    .AppendValue(t.Authorised).AppendValue(t.Unauthorised).AppendValue(batchId).EndRow();
        }
        c.ExecuteAll(
        [
            $"""
            CREATE OR REPLACE TEMP TABLE replaced_totals AS
            SELECT o.* FROM session_totals o SEMI JOIN (SELECT DISTINCT urn, span_start FROM {Staged}) w
              ON w.urn = o.urn AND w.span_start = o.span_start
            """,
            // Dirty: rows that differ between what was there and what replaces it, in either direction.
            $"""
            INSERT INTO stage_dirty_weeks
            SELECT DISTINCT pupil_id, span_start FROM (
              (SELECT urn, pupil_id, span_start, span_end, possible, present, aea, authorised, unauthorised FROM replaced_totals
               EXCEPT SELECT urn, pupil_id, span_start, span_end, possible, present, aea, authorised, unauthorised FROM {Staged})
              UNION ALL
              (SELECT urn, pupil_id, span_start, span_end, possible, present, aea, authorised, unauthorised FROM {Staged}
               EXCEPT SELECT urn, pupil_id, span_start, span_end, possible, present, aea, authorised, unauthorised FROM replaced_totals))
            """,
            $"""
            DELETE FROM session_totals o USING (SELECT DISTINCT urn, span_start FROM {Staged}) w
            WHERE w.urn = o.urn AND w.span_start = o.span_start
            """,
            $"INSERT INTO session_totals SELECT * FROM {Staged}",
            $"DROP TABLE {Staged}",
            "DROP TABLE replaced_totals",
        ]);
    }

    /// <summary>
    /// Rebuilds the aggregate rows of every enrolment-week answered from totals: for a load whose marks rebuilt the
    /// aggregates from scratch (<see cref="Publish.FirstLoadAggregates"/>), which knows nothing of totals.
    /// </summary>
    public static void AddAllTotalsAggregates(DuckDBConnection c)
    {
        if (!c.Scalar<bool>("SELECT EXISTS (SELECT 1 FROM session_totals)")) return;
        c.ExecuteAll(
        [
            AggregateTable.Enrolments.InsertSql(AggregateSql.TotalsEnrolmentWeeks()),
            AggregateTable.Cohorts.InsertSql(AggregateSql.CohortTotalsEnrolmentWeeks()),
        ]);
    }

    /// <summary>
    /// Rebuilds the spans measures check periods against (<see cref="SessionTotalsCoverage"/>), when there are totals or
    /// were: a warehouse of registers only never pays for the registers-win scan.
    /// </summary>
    public static void RebuildSpans(DuckDBConnection c)
    {
        if (c.Scalar<bool>("SELECT EXISTS (SELECT 1 FROM session_totals) OR EXISTS (SELECT 1 FROM session_total_spans)"))
            c.ExecuteAll(SessionTotalsCoverage.RebuildSpansSql);
    }
}

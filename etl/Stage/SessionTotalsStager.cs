using AttendanceGraph.Etl.Model;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

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

    /// <param name="aggregatesRebuilt">
    /// The load rebuilds every aggregate row (<see cref="AddAllTotalsAggregates"/>), so no dirty week need be recorded.
    /// </param>
    public static void Merge(DuckDBConnection c, IReadOnlyList<SessionTotalsRecord> totals, int batchId, bool aggregatesRebuilt = false)
    {
        c.Execute("CREATE TABLE IF NOT EXISTS stage_dirty_weeks (pupil_id INTEGER NOT NULL, week_start DATE NOT NULL)");
        if (totals.Count == 0) return;
        if (!Any(c))
        {
            // Nothing to replace (the first DfE load, a year of weekly files, say): straight into the table, in the files'
            // order (week by week), without the staging copy and the comparisons; every row is a new enrolment-week.
            Append(c, "session_totals", totals, batchId);
            if (!aggregatesRebuilt) c.Execute("INSERT INTO stage_dirty_weeks SELECT DISTINCT pupil_id, span_start FROM session_totals");
            return;
        }
        c.Execute($"CREATE OR REPLACE TEMP TABLE {Staged} AS SELECT * FROM session_totals LIMIT 0");
        Append(c, Staged, totals, batchId);
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

    /// <summary>The rows through DuckDB's data-chunk appender (a year of weekly files is ~4 million rows).</summary>
    private static void Append(DuckDBConnection c, string table, IReadOnlyList<SessionTotalsRecord> totals, int batchId)
    {
        using var a = new ColumnarAppender(c, table, DuckDBType.Integer, DuckDBType.Integer, DuckDBType.Date, DuckDBType.Date,
            DuckDBType.UnsignedTinyInt, DuckDBType.UnsignedTinyInt, DuckDBType.UnsignedTinyInt, DuckDBType.UnsignedTinyInt,
            DuckDBType.UnsignedTinyInt, DuckDBType.Integer);
        foreach (ref readonly var t in SessionTotalsRecords.Rows(totals))
        {
            var row = a.Row;
            a.Column<int>(0)[row] = t.SchoolUrn;
            a.Column<int>(1)[row] = t.PupilId;
            a.Column<int>(2)[row] = ColumnarAppender.Date(t.SpanStart.DayNumber);
            a.Column<int>(3)[row] = ColumnarAppender.Date(t.SpanEnd.DayNumber);
            a.Column<byte>(4)[row] = t.Possible;
            a.Column<byte>(5)[row] = t.Present;
            a.Column<byte>(6)[row] = t.ApprovedEducationalActivity;
            a.Column<byte>(7)[row] = t.Authorised;
            a.Column<byte>(8)[row] = t.Unauthorised;
            a.Column<int>(9)[row] = batchId;
            a.EndRow();
        }
        a.Close();
    }

    /// <summary>Whether the warehouse holds any session totals.</summary>
    public static bool Any(DuckDBConnection c) => c.Scalar<bool>("SELECT EXISTS (SELECT 1 FROM session_totals)");

    /// <summary>
    /// Rebuilds the aggregate rows of every enrolment-week answered from totals: for a load whose marks rebuilt the
    /// aggregates from scratch (<see cref="Publish.FirstLoadAggregates"/>), which knows nothing of totals.
    /// </summary>
    public static void AddAllTotalsAggregates(DuckDBConnection c)
    {
        if (!Any(c)) return;
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

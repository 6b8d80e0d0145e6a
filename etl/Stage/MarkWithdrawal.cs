using AttendanceGraph.Etl.Read;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Stage;

/// <summary>
/// Removes from the staged (or, on a first load, the appended) marks those the parser sent before the batch showed
/// their session marked differently elsewhere (<see cref="ReadBatch.WithdrawnMarks"/>). The keys go through an
/// appender into a scratch table, so a file given twice with other codes (up to 100,000 sessions) is one DELETE.
/// </summary>
public static class MarkWithdrawal
{
    private const string Keys = "stage_withdrawn_marks";

    /// <param name="table">The marks table the sinks appended to: a constant of ours, never input.</param>
    public static void Apply(DuckDBConnection c, string table, int batchId, IReadOnlyList<WithdrawnMark> withdrawn)
    {
        if (withdrawn.Count == 0) return;
        c.Execute($"CREATE TEMP TABLE {Keys} (urn INTEGER, pupil_id INTEGER, date DATE, session UTINYINT)");
        using (var appender = c.CreateAppender(Keys))
        {
            foreach (var m in withdrawn)
                appender.CreateRow().AppendValue(m.Urn).AppendValue(m.PupilId).AppendValue(m.Date).AppendValue(m.Session).EndRow();
        }
        c.Execute($"""
            DELETE FROM {table} m USING {Keys} w
            WHERE m.batch_id = $batch AND m.urn = w.urn AND m.pupil_id = w.pupil_id AND m.date = w.date AND m.session = w.session
            """, ("batch", batchId));
        c.Execute($"DROP TABLE {Keys}");
    }
}

using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// The aggregates of a load into a warehouse with no marks yet (a first, full load), counted from the registers
/// the validator already holds in memory instead of grouping every mark in DuckDB again: on 38 million marks
/// that was most of the load. A batch of DfE totals alone is counted the same way from its rows
/// (<see cref="WeeklyTotals"/>). The rows are the ones <see cref="AggregateSql"/> defines, which stays the one
/// definition: later loads refresh their dirty weeks with it, and tests compare this build with it row for row
/// (generated LAs and hand-made edge cases). Enrolment and cohort aggregates are written on two threads, each cohort's
/// rows in the order of its table's key (school, pupil, week) so that one-school queries touch few row groups.
/// </summary>
internal static class FirstLoadAggregates
{
    /// <param name="rollupYears">
    /// When set, also sum the school rollup's units over these years from the same fragments (<see cref="FirstLoadRollup"/>),
    /// returned to be completed and written once the aggregates hold everything else.
    /// </param>
    /// <param name="totals">
    /// A batch of DfE totals without marks, into a warehouse with neither, to count instead of the registers (every
    /// enrolment-week is then one of these rows: no registers-win test); or none.
    /// </param>
    public static FirstLoadRollup? Build(SnapshotBuilder snapshot, MarksIndex registers, IReadOnlyList<SessionTotalsRecord> totals,
        (AcademicYear First, AcademicYear Last)? rollupYears, CancellationToken ct)
    {
        var c = snapshot.Connection;
        // Empty in a warehouse without marks; cleared anyway so the build can never add to stale rows.
        c.ExecuteAll(AggregateTable.All.Select(t => $"DELETE FROM {t.Table}"));
        var dateOfBirth = new Dictionary<int, DateOnly>();
        foreach (var r in c.Rows("SELECT pupil_id, date_of_birth FROM pupils"))
            dateOfBirth[r.GetInt32(0)] = DateOnly.FromDateTime(r.GetDateTime(1));
        var intervals = new SortedDictionary<string, Dictionary<int, List<(int Start, int End)>>>(StringComparer.Ordinal);
        foreach (var r in c.Rows($"SELECT * FROM {CohortIntervals.Table} ORDER BY cohort, pupil_id, start_date"))
        {
            var cohort = r.GetString(0);
            if (!intervals.TryGetValue(cohort, out var byPupil)) intervals[cohort] = byPupil = [];
            var pupil = r.GetInt32(1);
            if (!byPupil.TryGetValue(pupil, out var list)) byPupil[pupil] = list = [];
            list.Add((DateOnly.FromDateTime(r.GetDateTime(2)).DayNumber, DateOnly.FromDateTime(r.GetDateTime(3)).DayNumber));
        }
        // Counting totals instead of the registers would lose their marks and let no register win over a total.
        if (totals.Count > 0 && registers.Pupils.Any(p => p.Slots.Any(s => s.MarkedDays() is not null)))
            throw new InvalidOperationException("DfE totals are counted with the aggregates only in a batch without marks");
        IFirstLoadFragments fragments = totals.Count > 0 ? new WeeklyTotals(totals, dateOfBirth) : new RegisterSlots(registers, dateOfBirth);

        var rollup = rollupYears is { } years ? FirstLoadRollup.Begin(c, years, dateOfBirth, intervals.Keys) : null;
        // Cohorts are taken one at a time by whichever thread is free: the all-pupils pass is the shorter (2.5 s against
        // 3.3 s for the cohorts on the 38 M-mark LA, which count each member's units for all pupils again), so the
        // enrolment thread goes on to cohorts when it is done. Each cohort's rows stay together in its thread's appender.
        // The largest cohorts first, so the last one taken is small and neither thread waits long for the other.
        // DfE totals' all-pupils pass, often with no cohort beside it, is split between the two threads instead.
        var queue = intervals.Select((e, i) => (Index: i + 1, Cohort: e.Key, ByPupil: e.Value)).OrderByDescending(q => q.ByPupil.Count).ToArray();
        var taken = -1;
        var parts = fragments.AllPupilsParts;
        if (parts is not (1 or 2)) throw new InvalidOperationException($"the all-pupils pass is split in {parts} parts; there are two threads");
        var sums = new[] { rollup?.NewSummer(), rollup?.NewSummer() };

        OneDuckDbThread.Run(c, () =>
        {
            var first = Task.Run(() =>
            {
                Write(AggregateTable.Enrolments, writer => fragments.CountAllPupils(0, writer, sums[0], ct));
                Write(AggregateTable.Cohorts, writer => CountCohorts(writer, sums[0]));
            });
            var second = Task.Run(() =>
            {
                if (parts == 2) Write(AggregateTable.Enrolments, writer => fragments.CountAllPupils(1, writer, sums[1], ct));
                Write(AggregateTable.Cohorts, writer => CountCohorts(writer, sums[1]));
            });
            // WhenAll rethrows the first failure itself rather than wrapped in an AggregateException.
            Task.WhenAll(first, second).GetAwaiter().GetResult();
        });
        return rollup;

        void CountCohorts(AggregateRowWriter writer, FirstLoadRollup.Summer? sums)
        {
            for (var next = Interlocked.Increment(ref taken); next < queue.Length; next = Interlocked.Increment(ref taken))
            {
                var (index, cohort, byPupil) = queue[next];
                fragments.CountCohort(index, cohort, byPupil, writer, sums, ct);
            }
        }

        void Write(AggregateTable table, Action<AggregateRowWriter> rows)
        {
            // Appended directly: appending to a temp table and INSERT … SELECT from it measured slower.
            using var connection = snapshot.OpenAnotherConnection();
            using var writer = new AggregateRowWriter(connection, table);
            rows(writer);
            writer.Close();
        }
    }
}

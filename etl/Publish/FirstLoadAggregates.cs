using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// The aggregates of a load into a warehouse with no marks yet (a first, full load), counted from the registers
/// the validator already holds in memory instead of grouping every mark in DuckDB again: on 38 million marks
/// that was most of the load. The rows are the ones <see cref="AggregateSql"/> defines, which stays the one
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
    public static FirstLoadRollup? Build(SnapshotBuilder snapshot, MarksIndex registers, (AcademicYear First, AcademicYear Last)? rollupYears, CancellationToken ct)
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
        var slots = registers.Pupils
            .SelectMany(p => p.Slots.Select(s => (p.PupilId, Slot: s)))
            .OrderBy(s => s.Slot.Urn).ThenBy(s => s.PupilId)
            .ToList();

        var rollup = rollupYears is { } years ? FirstLoadRollup.Begin(c, years, dateOfBirth, intervals.Keys) : null;
        var enrolmentSums = rollup?.NewSummer();
        // Cohorts are taken one at a time by whichever thread is free: the all-pupils pass is the shorter (2.5 s against
        // 3.3 s for the cohorts on the 38 M-mark LA, which count each member's units for all pupils again), so the
        // enrolment thread goes on to cohorts when it is done. Each cohort's rows stay together in its thread's appender.
        // The largest cohorts first, so the last one taken is small and neither thread waits long for the other.
        var queue = intervals.Select((e, i) => (Index: i + 1, Cohort: e.Key, ByPupil: e.Value)).OrderByDescending(q => q.ByPupil.Count).ToArray();
        var taken = -1;
        var cohortSums = new[] { rollup?.NewSummer(), rollup?.NewSummer() };

        OneDuckDbThread.Run(c, () =>
        {
            var enrolments = Task.Run(() =>
            {
                Write(AggregateTable.Enrolments, writer =>
                {
                    var counts = new FragmentCounts();
                    foreach (var (pupilId, slot) in slots)
                    {
                        ct.ThrowIfCancellationRequested();
                        var dob = dateOfBirth[pupilId];
                        RegisterFragments.Count(slot, null, counts, (week, month) =>
                        {
                            writer.Write(null, slot.Urn, pupilId, dob, week, month, counts);
                            enrolmentSums?.Units.Add(Math.Max(week, month), counts);
                        });
                        enrolmentSums?.Finish(0, slot.Urn, pupilId, dob);
                    }
                });
                Write(AggregateTable.Cohorts, writer => CountCohorts(writer, cohortSums[1]));
            });
            var cohorts = Task.Run(() => Write(AggregateTable.Cohorts, writer => CountCohorts(writer, cohortSums[0])));
            // WhenAll rethrows the first failure itself rather than wrapped in an AggregateException.
            Task.WhenAll(enrolments, cohorts).GetAwaiter().GetResult();
        });
        return rollup;

        void CountCohorts(AggregateRowWriter writer, FirstLoadRollup.Summer? sums)
        {
            var counts = new FragmentCounts();
            var allPupilsCounts = new FragmentCounts();
            for (var next = Interlocked.Increment(ref taken); next < queue.Length; next = Interlocked.Increment(ref taken))
            {
                var (index, cohort, byPupil) = queue[next];
                foreach (var (pupilId, slot) in slots)
                {
                    if (!byPupil.TryGetValue(pupilId, out var within)) continue;
                    ct.ThrowIfCancellationRequested();
                    var dob = dateOfBirth[pupilId];
                    RegisterFragments.Count(slot, within, counts, (week, month) =>
                    {
                        writer.Write(cohort, slot.Urn, pupilId, dob, week, month, counts);
                        sums?.Units.Add(Math.Max(week, month), counts);
                    });
                    if (sums is null) continue;
                    // The rest correction needs the enrolment's units for all pupils too: counted again here rather than
                    // kept from the other thread for every enrolment (a cohort's members are a fraction of them).
                    RegisterFragments.Count(slot, null, allPupilsCounts, (week, month) => sums.AllPupils.Add(Math.Max(week, month), allPupilsCounts));
                    sums.Finish(index, slot.Urn, pupilId, dob);
                }
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

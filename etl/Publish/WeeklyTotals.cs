using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// The fragments of a first load of DfE totals alone (a year of weekly files into a warehouse with neither marks nor
/// totals): each row is one enrolment-week, already the grain of the aggregate tables, written as
/// <see cref="AggregateSql.TotalsEnrolmentWeeks"/> defines it (one fragment at the week's Monday, even when the week
/// straddles a month end; counts by category only). A week counts in a cohort when one of the pupil's
/// intervals in it overlaps the week, as <see cref="AggregateSql.CohortTotalsEnrolmentWeeks"/> says; a pupil without a pupils
/// row has none, as the definition's join to pupils has it. No registers-win test: the path is taken only when neither
/// the batch nor the warehouse has a mark (<see cref="FirstLoadAggregates.Build"/> checks).
/// <para>
/// The rows are visited by school, pupil and week (the tables' key) through an index put in that order by three stable
/// counting passes (week, then pupil, then school), linear in the ~4 million rows of a year where a comparison sort is not.
/// </para>
/// </summary>
internal sealed class WeeklyTotals : IFirstLoadFragments
{
    // A list, not the interface: its indexer inlines, and the counting passes read each of ~4 million rows several times.
    private readonly List<SessionTotalsRecord> totals;
    private readonly IReadOnlyDictionary<int, DateOnly> dateOfBirth;
    private readonly int[] order;

    /// <summary>Where each enrolment's rows start in <see cref="order"/>; one more entry, the end.</summary>
    private readonly int[] enrolmentStarts;

    /// <summary>The first enrolment of the all-pupils pass's second part.</summary>
    private readonly int secondPart;

    public WeeklyTotals(IReadOnlyList<SessionTotalsRecord> totals, IReadOnlyDictionary<int, DateOnly> dateOfBirth)
    {
        this.totals = totals as List<SessionTotalsRecord> ?? [.. totals];
        this.dateOfBirth = dateOfBirth;
        order = EnrolmentOrder(this.totals);
        var starts = new List<int>();
        for (var i = 0; i < order.Length; i++)
        {
            if (i == 0 || this.totals[order[i]].SchoolUrn != this.totals[order[i - 1]].SchoolUrn || this.totals[order[i]].PupilId != this.totals[order[i - 1]].PupilId)
                starts.Add(i);
        }
        starts.Add(order.Length);
        enrolmentStarts = [.. starts];
        // The second half of the rows, from a school's first enrolment, so each part's schools are whole.
        secondPart = 0;
        while (secondPart + 1 < enrolmentStarts.Length &&
               (enrolmentStarts[secondPart] < order.Length / 2 || secondPart > 0 && Enrolment(secondPart).Urn == Enrolment(secondPart - 1).Urn))
            secondPart++;
    }

    public int AllPupilsParts => 2;

    public void CountAllPupils(int part, AggregateRowWriter writer, FirstLoadRollup.Summer? sums, CancellationToken ct)
    {
        var counts = new FragmentCounts();
        var (from, to) = part == 0 ? (0, secondPart) : (secondPart, enrolmentStarts.Length - 1);
        for (var e = from; e < to; e++)
        {
            if ((e & 1023) == 0) ct.ThrowIfCancellationRequested();
            var (urn, pupilId) = Enrolment(e);
            if (!dateOfBirth.TryGetValue(pupilId, out var dob)) continue; // as the definition's JOIN pupils
            for (var i = enrolmentStarts[e]; i < enrolmentStarts[e + 1]; i++)
            {
                var week = Week(i, counts);
                writer.Write(null, urn, pupilId, dob, week, week, counts);
                sums?.Units.Add(week, counts);
            }
            sums?.Finish(0, urn, pupilId, dob);
        }
    }

    public void CountCohort(int index, string cohort, IReadOnlyDictionary<int, List<(int Start, int End)>> byPupil, AggregateRowWriter writer,
        FirstLoadRollup.Summer? sums, CancellationToken ct)
    {
        var counts = new FragmentCounts();
        for (var e = 0; e + 1 < enrolmentStarts.Length; e++)
        {
            var (urn, pupilId) = Enrolment(e);
            if (!byPupil.TryGetValue(pupilId, out var intervals) || !dateOfBirth.TryGetValue(pupilId, out var dob)) continue;
            ct.ThrowIfCancellationRequested();
            for (var i = enrolmentStarts[e]; i < enrolmentStarts[e + 1]; i++)
            {
                var week = Week(i, counts);
                // The rest correction needs the enrolment's units for all pupils, every week of it, the cohort's or not.
                sums?.AllPupils.Add(week, counts);
                if (!Overlaps(intervals, week, totals[order[i]].SpanEnd.DayNumber)) continue;
                writer.Write(cohort, urn, pupilId, dob, week, week, counts);
                sums?.Units.Add(week, counts);
            }
            sums?.Finish(index, urn, pupilId, dob);
        }
    }

    private (int Urn, int PupilId) Enrolment(int e)
    {
        var first = totals[order[enrolmentStarts[e]]];
        return (first.SchoolUrn, first.PupilId);
    }

    /// <summary>Row <paramref name="i"/> of the order into <paramref name="counts"/>; returns its week's Monday.</summary>
    private int Week(int i, FragmentCounts counts)
    {
        var row = totals[order[i]];
        counts.SetTotals(row);
        return row.SpanStart.DayNumber;
    }

    private static bool Overlaps(List<(int Start, int End)> intervals, int from, int to)
    {
        foreach (var (start, end) in intervals)
        {
            if (start <= to && end >= from) return true;
        }
        return false;
    }

    /// <summary>The rows' indexes ordered by school, pupil and week.</summary>
    private static int[] EnrolmentOrder(List<SessionTotalsRecord> totals)
    {
        var n = totals.Count;
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        if (n == 0) return order;
        var scratch = new int[n];
        var key = new int[n];

        var firstDay = int.MaxValue;
        for (var i = 0; i < n; i++) firstDay = Math.Min(firstDay, totals[i].SpanStart.DayNumber);
        for (var i = 0; i < n; i++) key[i] = totals[i].SpanStart.DayNumber - firstDay;
        StableSortBy(order, scratch, key);

        for (var i = 0; i < n; i++) key[i] = totals[i].PupilId;
        StableSortBy(order, scratch, key);

        var schools = new HashSet<int>();
        for (var i = 0; i < n; i++) schools.Add(totals[i].SchoolUrn);
        var rank = new Dictionary<int, int>(schools.Count);
        foreach (var urn in schools.Order()) rank[urn] = rank.Count;
        for (var i = 0; i < n; i++) key[i] = rank[totals[i].SchoolUrn];
        StableSortBy(order, scratch, key);
        return order;
    }

    /// <summary>A counting sort of <paramref name="order"/> by <paramref name="key"/> (small non-negative ints), equal keys kept in order.</summary>
    private static void StableSortBy(int[] order, int[] scratch, int[] key)
    {
        var max = 0;
        foreach (var i in order) max = Math.Max(max, key[i]);
        var next = new int[max + 2];
        foreach (var i in order) next[key[i] + 1]++;
        for (var k = 1; k < next.Length; k++) next[k] += next[k - 1];
        foreach (var i in order) scratch[next[key[i]]++] = i;
        scratch.CopyTo(order, 0);
    }
}

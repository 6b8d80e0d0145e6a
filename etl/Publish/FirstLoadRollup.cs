using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// The school rollup (<see cref="SchoolRollup"/>) and its kept units (<see cref="RollupUnits"/>) of a first load of
/// registers, summed from the fragments <see cref="FirstLoadAggregates"/> counts as it writes them rather than read back
/// out of the aggregate tables: on 38 million marks the SQL build was 8.7 s of an 18 s load (units 2.4 s, the coarser
/// levels 1.4 s, school rows 1.5 s, rest corrections 2.2 s). SchoolRollup's SQL stays the definition: a later load
/// refreshes with it, and every first-load test compares this build with it row for row
/// (<c>EtlWarehouse.AssertAggregatesEqualFullRebuild</c>). The steps are the definition's: each enrolment's totals per
/// bucket (a unit), all-zero units dropped, a school row summed from the units with possible sessions, a rest
/// correction per cohort unit against the same enrolment's unit for all pupils, and the year and term units kept.
/// <para>
/// A batch of DfE totals without marks (a year of weekly files) is summed as its rows are counted
/// (<see cref="WeeklyTotals"/>). Beside registers, enrolments known only from DfE totals (the residents' download lists
/// pupils at other LAs' schools) are read back from the aggregate rows once those are written, all at once, so only up
/// to <see cref="TotalsReadBackAtMost"/> rows; an enrolment with both registers and totals would need its two sources'
/// fragments merged. Either leaves the rollup to the SQL build (<see cref="YearsToSum"/>).
/// </para>
/// <para>
/// Memory: one enrolment's units at a time per counting thread, one school's rows at a time until they are complete,
/// the totals-only enrolments' fragments, then the rows and kept units of the whole LA (about 700,000 of each at 100,000
/// pupils) until they are written and the schools' positions ranked from them.
/// </para>
/// </summary>
internal sealed partial class FirstLoadRollup
{
    private static readonly IReadOnlyList<CountMeasure> SessionColumns = SchoolRollup.SessionColumns;
    private static readonly int S = SessionColumns.Count;
    private static readonly int Possible = IndexOfSessions(MeasureCatalogue.PossibleSessions);

    /// <summary>The person counts after enrolments (persistent, severe absence): their threshold and the session columns it compares.</summary>
    private static readonly (int Numerator, int Denominator, EnrolmentThreshold Threshold)[] Thresholds = SchoolRollup.PersonColumns.Skip(1)
        .Select(p => (IndexOfSessions(MeasureCatalogue.Holding(p.Threshold!.Numerator)), IndexOfSessions(MeasureCatalogue.Holding(p.Threshold.Denominator)), p.Threshold))
        .ToArray();

    /// <summary>Per session column, the packed count fields it adds up (the columns <see cref="SessionCountSql.RowExpression"/> reads).</summary>
    private static readonly (int Word, int Shift)[][] SessionFields = SessionColumns
        .Select(s => SessionCountSql.Columns(s.Sessions!).Select(PackedCounts.Field).ToArray())
        .ToArray();

    /// <summary>A row's values, in the table's column order: person counts, sessions, the person counts' key sums, the session key sum.</summary>
    private static readonly int Values = SchoolRollup.PersonColumns.Count * 2 + S + 1;

    private readonly IReadOnlyList<Bucket> buckets;
    private readonly Dictionary<int, (int FirstDay, int[][] ByDay)> years;
    private readonly int[] recordKeys;
    private readonly IReadOnlyDictionary<int, DateOnly> dateOfBirth;
    private readonly IReadOnlyList<string> cohorts;
    private readonly List<Summer> summers = [];

    private FirstLoadRollup(IReadOnlyList<Bucket> buckets, Dictionary<int, (int, int[][])> years, int[] recordKeys,
        IReadOnlyDictionary<int, DateOnly> dateOfBirth, IReadOnlyList<string> cohorts)
    {
        this.buckets = buckets;
        this.years = years;
        this.recordKeys = recordKeys;
        this.dateOfBirth = dateOfBirth;
        this.cohorts = cohorts;
    }

    /// <summary>
    /// DfE rows beside registers above which a first load leaves the rollup to SQL: a residents' download is tens of
    /// thousands of rows; millions, read back with their fragments held at once (a long per session column each), would be
    /// hundreds of MB on top of a load whose peak is already its rollup (BatchLoader).
    /// </summary>
    public const int TotalsReadBackAtMost = 250_000;

    /// <summary>
    /// The academic years a first load's rollup would be summed over here, or null when it cannot be: it has neither
    /// registers nor totals counted with the aggregates, or an enrolment with marks also has DfE totals (in the batch, or
    /// in the warehouse from an earlier load), whose fragments would have to be merged with the registers'. An enrolment on
    /// the pupils file without marks (a resident at another LA's school) has a register slot with nothing in it.
    /// </summary>
    /// <param name="totalsCounted">
    /// The totals are counted with the aggregates (<see cref="FirstLoadAggregates.Build"/>), so summed as they are counted,
    /// however many.
    /// </param>
    public static (AcademicYear First, AcademicYear Last)? YearsToSum(DuckDBConnection c, MarksIndex registers, IReadOnlyList<SessionTotalsRecord> totals,
        bool totalsCounted)
    {
        var slots = registers.Pupils.SelectMany(p => p.Slots.Select(s => (p.PupilId, Slot: s))).ToList();
        if (!totalsCounted)
        {
            if (totals.Count > TotalsReadBackAtMost) return null;
            if (slots.Count == 0 || SessionTotalsStager.Any(c)) return null;
            if (totals.Count > 0)
            {
                var bySlot = slots.ToDictionary(x => ((long)x.PupilId << 32) | (uint)x.Slot.Urn, x => x.Slot);
                if (totals.Any(t => bySlot.TryGetValue(((long)t.PupilId << 32) | (uint)t.SchoolUrn, out var slot) && slot.MarkedDays() is not null)) return null;
            }
        }
        // The years with a mark or a total: a slot spans its enrolment, which may have begun years before the registers
        // (on the 38 M-mark LA the slots ran from 2012 to 2038, 27 years of buckets for one year of marks).
        int first = int.MaxValue, last = int.MinValue;
        foreach (var (_, slot) in slots)
        {
            if (slot.MarkedDays() is not { } marked) continue;
            first = Math.Min(first, marked.First);
            last = Math.Max(last, marked.Last);
        }
        foreach (ref readonly var t in SessionTotalsRecords.Rows(totals))
        {
            first = Math.Min(first, t.SpanStart.DayNumber);
            last = Math.Max(last, t.SpanEnd.DayNumber);
        }
        if (first > last) return null; // nothing to sum: the SQL build finds no rows either
        return (AcademicYear.Containing(DateOnly.FromDayNumber(first)), AcademicYear.Containing(DateOnly.FromDayNumber(last)));
    }

    /// <summary>
    /// Prepares the rollup's tables and every pupil's record key, and lays out the buckets of <paramref name="years"/>
    /// (<see cref="YearsToSum"/>).
    /// </summary>
    /// <param name="cohorts">The reporting cohorts with memberships, whose places (plus one) the summers are given as cohort indexes; '' (all pupils) is added first.</param>
    public static FirstLoadRollup Begin(DuckDBConnection c, (AcademicYear First, AcademicYear Last) years, IReadOnlyDictionary<int, DateOnly> dateOfBirth, IEnumerable<string> cohorts)
    {
        SchoolRollup.Prepare(c);
        // Empty in a warehouse without marks; cleared anyway, as the aggregates are, so the rows can never add to stale ones.
        c.ExecuteAll([$"DELETE FROM {SchoolRollup.Table}", $"DELETE FROM {RollupUnits.Table}"]);
        var keys = c.Rows($"SELECT pupil_id, record_key FROM {RecordKeys.Table}").Select(r => (Id: r.GetInt32(0), Key: (int)r.GetByte(1))).ToList();
        var recordKeys = new int[keys.Count == 0 ? 0 : keys.Max(k => k.Id) + 1];
        Array.Fill(recordKeys, -1);
        foreach (var (id, key) in keys) recordKeys[id] = key;

        var buckets = new List<Bucket>();
        var layout = new Dictionary<int, (int, int[][])>();
        for (var year = years.First; year.StartYear <= years.Last.StartYear; year = new AcademicYear(year.StartYear + 1))
        {
            var firstDay = year.Start.DayNumber;
            var byDay = new List<int>[year.End.DayNumber - firstDay + 1];
            for (var d = 0; d < byDay.Length; d++) byDay[d] = [];
            foreach (var b in RollupBucket.For(year))
            {
                for (var d = b.From.DayNumber; d <= b.To.DayNumber; d++) byDay[d - firstDay].Add(buckets.Count);
                buckets.Add(new Bucket(b, year, layout.Count, RollupUnits.KeptKinds.Contains(b.Kind)));
            }
            layout[year.StartYear] = (firstDay, byDay.Select(l => l.ToArray()).ToArray());
        }
        // The order the definition writes rows in: by kind, then date (see SchoolRollup.Insert).
        var order = buckets.Select((b, i) => (b, i)).OrderBy(x => x.b.Definition.Kind, StringComparer.Ordinal).ThenBy(x => x.b.Definition.From).Select(x => x.i).ToList();
        for (var rank = 0; rank < order.Count; rank++) buckets[order[rank]].Rank = rank;
        return new FirstLoadRollup(buckets, layout, recordKeys, dateOfBirth, ["", .. cohorts]);
    }

    /// <summary>One thread's sums: its enrolments' units as they are counted, and the school rows and kept units they make.</summary>
    public Summer NewSummer()
    {
        var summer = new Summer(this);
        lock (summers) summers.Add(summer);
        return summer;
    }

    /// <summary>
    /// Adds the units of enrolments known only from DfE totals, from their aggregate rows (written by now): every
    /// enrolment of session_totals, since <see cref="YearsToSum"/> found none with registers.
    /// </summary>
    public void AddTotalsOnlyEnrolments(DuckDBConnection c)
    {
        if (!SessionTotalsStager.Any(c)) return;
        var sessions = string.Join(", ", SessionColumns.Select(s => $"{SessionCountSql.RowExpression(s.Sessions!, "a")}::BIGINT"));
        const string totalsEnrolments = "(SELECT DISTINCT urn, pupil_id FROM session_totals) t ON t.urn = a.urn AND t.pupil_id = a.pupil_id";
        var allPupils = new Dictionary<(int Urn, int PupilId), List<(int Start, long[] Sessions)>>();
        foreach (var r in c.Rows($"SELECT a.urn, a.pupil_id, a.frag_start, {sessions} FROM {AggregateTable.Enrolments.View} a SEMI JOIN {totalsEnrolments}"))
        {
            var key = (r.GetInt32(0), r.GetInt32(1));
            if (!allPupils.TryGetValue(key, out var fragments)) allPupils[key] = fragments = [];
            fragments.Add((DateOnly.FromDateTime(r.GetDateTime(2)).DayNumber, Enumerable.Range(3, S).Select(r.GetInt64).ToArray()));
        }
        var summer = NewSummer();
        foreach (var ((urn, pupilId), fragments) in allPupils.OrderBy(e => e.Key.Urn).ThenBy(e => e.Key.PupilId))
        {
            foreach (var (start, values) in fragments) summer.Units.Add(start, values);
            summer.Finish(0, urn, pupilId, dateOfBirth[pupilId]);
        }
        var cohortIndex = cohorts.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
        var enrolment = (Cohort: -1, Urn: 0, PupilId: 0);
        foreach (var r in c.Rows($"SELECT a.cohort, a.urn, a.pupil_id, a.frag_start, {sessions} FROM {AggregateTable.Cohorts.View} a SEMI JOIN {totalsEnrolments} ORDER BY a.cohort, a.urn, a.pupil_id"))
        {
            var next = (cohortIndex.TryGetValue(r.GetString(0), out var i) ? i : throw new InvalidOperationException($"cohort {r.GetString(0)} has aggregate rows but no intervals"),
                r.GetInt32(1), r.GetInt32(2));
            if (next != enrolment) FinishCohortUnits();
            enrolment = next;
            summer.Units.Add(DateOnly.FromDateTime(r.GetDateTime(3)).DayNumber, Enumerable.Range(4, S).Select(r.GetInt64).ToArray());
        }
        FinishCohortUnits();

        void FinishCohortUnits()
        {
            if (enrolment.Cohort < 0) return;
            foreach (var (start, values) in allPupils[(enrolment.Urn, enrolment.PupilId)]) summer.AllPupils.Add(start, values);
            summer.Finish(enrolment.Cohort, enrolment.Urn, enrolment.PupilId, dateOfBirth[enrolment.PupilId]);
        }
    }

    /// <summary>
    /// Puts every summer's rows and kept units in the order they are written in (<see cref="SchoolRollup.RowOrder"/>), equal
    /// cells merged: before <see cref="SchoolCells"/> and <see cref="Write"/>.
    /// </summary>
    public void Sort()
    {
        foreach (var s in summers) s.Flush();
        // Each sorted in one array, in place, on one integer a row (a tuple comparison took 0.9 s for both tables at 100,000
        // pupils): a row by bucket, school and cell (SchoolRollup.RowOrder); a kept unit by bucket, school and
        // pupil; the two sorts on the two cores. The summers' lists are let go as they are copied: at 400,000 pupils each
        // table is ~2.8 million rows.
        var rows = Take(summers.Select(s => s.Rows));
        var kept = Take(summers.Select(s => s.Kept));
        var keptSorted = Task.Run(() => SortKeptUnits(kept));
        SortRows(rows);
        sorted = (rows, MergeSameCells(rows), kept);
        keptSorted.GetAwaiter().GetResult();
    }

    private (Row[] Rows, int Cells, KeptUnit[] Kept)? sorted;

    private (Row[] Rows, int Cells, KeptUnit[] Kept) Sorted => sorted ?? throw new InvalidOperationException("the rollup's rows are not sorted yet");

    /// <summary>Writes the sorted rows and kept units into the rollup's tables and marks the units current to <paramref name="batchId"/>.</summary>
    public void Write(SnapshotBuilder snapshot, int batchId)
    {
        var (rows, cells, kept) = Sorted;
        OneDuckDbThread.Run(snapshot.Connection, () => Append(snapshot, rows.AsMemory(0, cells), kept));
        RollupUnits.MarkCurrent(snapshot.Connection, batchId);
        RollupOrder.SchoolRows.Written(snapshot.Connection);
    }

    /// <summary>
    /// The LA's schools' cells the positions among their phase rank (<see cref="PeerPositionsRefresh"/>): all pupils and each
    /// cohort (no rest), compulsory age, with an enrolment, named periods but week parts. Read from the sorted rows, which
    /// <see cref="Write"/> leaves as they are, so they may be read beside it.
    /// </summary>
    public IEnumerable<SchoolCell> SchoolCells(Dictionary<int, string> phases)
    {
        var (rows, count, _) = Sorted;
        var enrolments = SchoolRollup.PersonColumns.ToList().IndexOf(MeasureCatalogue.Enrolments);
        for (var i = 0; i < count; i++)
        {
            var r = rows[i];
            if (r.Rest || !r.Compulsory || r.Values[enrolments] <= 0 || !phases.TryGetValue(r.Urn, out var phase)) continue;
            var b = buckets[r.Bucket].Definition;
            if (b.Kind == RollupBucket.WeekPart) continue;
            yield return new SchoolCell(new PeriodKey(b.Kind, b.From, b.To), cohorts[r.Cohort], phase,
                PeerPositions.CellOf(r.Urn, r.Values));
        }
    }

    private static T[] Take<T>(IEnumerable<List<T>> lists)
    {
        var parts = lists.ToList();
        var all = new T[parts.Sum(p => p.Count)];
        var at = 0;
        foreach (var part in parts)
        {
            part.CopyTo(all, at);
            at += part.Count;
            part.Clear();
            part.TrimExcess();
        }
        return all;
    }

    /// <summary>
    /// In <see cref="SchoolRollup.RowOrder"/>: bucket (its rank orders kind, then date), URN, cohort, rest, compulsory; on one
    /// integer a row when it fits in one (a rank under 2^12, 512 cohorts, a URN that is not negative), else by comparison.
    /// Equal cells end up side by side, which <see cref="MergeSameCells"/> needs.
    /// </summary>
    private void SortRows(Row[] rows)
    {
        // Cohorts by name, as the definition's ORDER BY has them ('' first), not in the order their units were summed.
        var cohortRank = new int[cohorts.Count];
        foreach (var (index, rank) in cohorts.Select((k, i) => (k, i)).OrderBy(x => x.k, StringComparer.Ordinal).Select((x, rank) => (x.i, rank))) cohortRank[index] = rank;
        if (buckets.Count < 1 << 12 && cohorts.Count < 1 << 9 && rows.All(r => r.Urn >= 0))
        {
            var keys = new long[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                var r = rows[i];
                keys[i] = ((long)buckets[r.Bucket].Rank << 42) | ((long)r.Urn << 11) | ((long)cohortRank[r.Cohort] << 2) | (r.Rest ? 2L : 0) | (r.Compulsory ? 1L : 0);
            }
            Array.Sort(keys, rows);
        }
        else Array.Sort(rows, (a, b) => (buckets[a.Bucket].Rank, a.Urn, cohortRank[a.Cohort], a.Rest, a.Compulsory)
            .CompareTo((buckets[b.Bucket].Rank, b.Urn, cohortRank[b.Cohort], b.Rest, b.Compulsory)));
    }

    /// <summary>
    /// By bucket, school and pupil, as the definition writes them, on one integer a unit when they fit in one (a rank under
    /// 2^11, a URN under 2^21 — GIAS URNs have six digits — and a pupil id under 2^31), else by comparison.
    /// </summary>
    private void SortKeptUnits(KeptUnit[] kept)
    {
        if (buckets.Count < 1 << 11 && kept.All(u => u.Urn is >= 0 and < 1 << 21 && u.PupilId >= 0))
        {
            var keys = new long[kept.Length];
            for (var i = 0; i < kept.Length; i++) keys[i] = ((long)buckets[kept[i].Bucket].Rank << 52) | ((long)kept[i].Urn << 31) | (uint)kept[i].PupilId;
            Array.Sort(keys, kept);
        }
        else Array.Sort(kept, (a, b) => (buckets[a.Bucket].Rank, a.Urn, a.PupilId).CompareTo((buckets[b.Bucket].Rank, b.Urn, b.PupilId)));
    }

    /// <summary>The two tables on two threads, each with its own connection: appending is most of the time left.</summary>
    private void Append(SnapshotBuilder snapshot, ReadOnlyMemory<Row> rows, KeptUnit[] kept)
    {
        var kinds = buckets.Select(b => b.Definition.Kind).Distinct().ToDictionary(k => k, Encoding.UTF8.GetBytes);
        var cohortUtf8 = cohorts.Select(Encoding.UTF8.GetBytes).ToArray();
        var rowsWritten = Task.Run(() => AppendRows(snapshot, rows, kinds, cohortUtf8));
        AppendKeptUnits(snapshot, kept, kinds, cohortUtf8);
        rowsWritten.GetAwaiter().GetResult();
    }

    private void AppendRows(SnapshotBuilder snapshot, ReadOnlyMemory<Row> rows, Dictionary<string, byte[]> kinds, byte[][] cohortUtf8)
    {
        using var connection = snapshot.OpenAnotherConnection();
        using var appender = new ColumnarAppender(connection, SchoolRollup.Table,
            [DuckDBType.Varchar, DuckDBType.Date, DuckDBType.Date, DuckDBType.Date, DuckDBType.Integer, DuckDBType.Varchar, DuckDBType.Boolean, DuckDBType.Boolean,
             .. Enumerable.Repeat(DuckDBType.BigInt, Values)]);
        foreach (var r in rows.Span)
        {
            var b = buckets[r.Bucket].Definition;
            var i = appender.Row;
            appender.RepeatedUtf8String(0, kinds[b.Kind]);
            appender.Column<int>(1)[i] = ColumnarAppender.Date(b.From.DayNumber);
            appender.Column<int>(2)[i] = ColumnarAppender.Date(b.To.DayNumber);
            appender.Column<int>(3)[i] = ColumnarAppender.Date(b.Label.DayNumber);
            appender.Column<int>(4)[i] = r.Urn;
            appender.RepeatedUtf8String(5, cohortUtf8[r.Cohort]);
            appender.Column<byte>(6)[i] = r.Rest ? (byte)1 : (byte)0;
            appender.Column<byte>(7)[i] = r.Compulsory ? (byte)1 : (byte)0;
            for (var v = 0; v < Values; v++) appender.Column<long>(8 + v)[i] = r.Values[v];
            appender.EndRow();
        }
        appender.Close();
    }

    private void AppendKeptUnits(SnapshotBuilder snapshot, KeptUnit[] kept, Dictionary<string, byte[]> kinds, byte[][] cohortUtf8)
    {
        using var connection = snapshot.OpenAnotherConnection();
        using var appender = new ColumnarAppender(connection, RollupUnits.Table,
            [DuckDBType.Varchar, DuckDBType.Date, DuckDBType.Integer, DuckDBType.Integer, DuckDBType.Varchar, DuckDBType.Boolean, .. Enumerable.Repeat(DuckDBType.BigInt, S)]);
        foreach (var u in kept)
        {
            var b = buckets[u.Bucket].Definition;
            var i = appender.Row;
            appender.RepeatedUtf8String(0, kinds[b.Kind]);
            appender.Column<int>(1)[i] = ColumnarAppender.Date(b.From.DayNumber);
            appender.Column<int>(2)[i] = u.Urn;
            appender.Column<int>(3)[i] = u.PupilId;
            appender.RepeatedUtf8String(4, cohortUtf8[u.Cohort]);
            appender.Column<byte>(5)[i] = u.Compulsory ? (byte)1 : (byte)0;
            for (var s = 0; s < S; s++) appender.Column<long>(6 + s)[i] = u.Sessions[s];
            appender.EndRow();
        }
        appender.Close();
    }

    /// <summary>
    /// One row per cell, compacted to the front of <paramref name="sorted"/>, whose length in cells it returns: two summers
    /// (registers' and totals' enrolments of one school, say) can each have summed part of a cell, and sorting puts a
    /// cell's parts next to each other.
    /// </summary>
    private static int MergeSameCells(Row[] sorted)
    {
        var cells = 0;
        foreach (var r in sorted)
        {
            if (cells > 0 && sorted[cells - 1] is var last && (last.Bucket, last.Urn, last.Cohort, last.Rest, last.Compulsory) == (r.Bucket, r.Urn, r.Cohort, r.Rest, r.Compulsory))
                for (var v = 0; v < Values; v++) last.Values[v] = checked(last.Values[v] + r.Values[v]);
            else sorted[cells++] = r;
        }
        return cells;
    }

    private static int IndexOfSessions(CountMeasure count) =>
        SessionColumns.ToList().IndexOf(count) is var i and >= 0 ? i : throw new InvalidOperationException($"{count.Name} is not a session column of the rollup");

    private static bool Passes(ReadOnlySpan<long> unit, (int Numerator, int Denominator, EnrolmentThreshold Threshold) t) =>
        t.Threshold.IsMet(unit[t.Numerator], unit[t.Denominator]);

    private sealed class Bucket(RollupBucket definition, AcademicYear year, int yearIndex, bool kept)
    {
        public RollupBucket Definition { get; } = definition;
        public AcademicYear Year { get; } = year;
        public int YearIndex { get; } = yearIndex;
        public bool Kept { get; } = kept;
        public int Rank { get; set; }
    }

    internal readonly record struct Row(int Bucket, int Urn, int Cohort, bool Rest, bool Compulsory, int[] Values);

    internal readonly record struct KeptUnit(int Bucket, int Urn, int PupilId, int Cohort, bool Compulsory, int[] Sessions);
}

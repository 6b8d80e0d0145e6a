using System.Text;
using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// Brings the schools' positions among their phase (<see cref="PeerPositions"/>) up to date with the school rollup: the
/// buckets the rollup rewrote, or every bucket when the LA's schools or their phases changed since they were ranked (a
/// schools file moves a school between phases without touching the rollup), when they were ranked under other disclosure
/// rules (<see cref="PeerPositions.RulesVersion"/>), or when the snapshot lacks either table.
/// </summary>
public static class PeerPositionsRefresh
{
    /// <param name="openAnother">Opens another connection to the same database (the ranks are appended on their own).</param>
    /// <param name="rewritten">The buckets this load rewrote in the rollup; null when it rewrote none.</param>
    /// <returns>The positions rows written (0 when nothing needed ranking).</returns>
    public static long Run(DuckDBConnection c, Func<DuckDBConnection> openAnother, RollupRewrite? rewritten)
    {
        // Tables just created hold nothing to bring up to date: every period is ranked, whatever the record says.
        var held = WarehouseTables.Has(c, PeerPositions.Table) && WarehouseTables.Has(c, PeerPositions.PhasesTable);
        var over = PeerPositions.RankedOver(c);
        if (!held || over != c.Scalar<string?>("SELECT value FROM warehouse_info WHERE key = $k", ("k", PeerPositions.FingerprintKey)))
            rewritten = RollupRewrite.Every;
        if (rewritten is null) return 0;
        long written;
        if (rewritten.IsEvery)
        {
            Afresh(c);
            written = Write(openAnother, RankAll(EveryCell(c)));
            RollupOrder.PeerPositions.Written(c);
        }
        else
        {
            var (from, to) = (rewritten.From!.Value, rewritten.To!.Value);
            foreach (var table in new[] { PeerPositions.Table, PeerPositions.PhasesTable })
                c.Execute($"DELETE FROM {table} WHERE b_from <= $to AND b_to >= $from", ("from", from), ("to", to));
            written = Write(openAnother, RankAll(FromRollup(c, from, to)));
            RollupOrder.PeerPositions.Appended(c, written);
        }
        RankedOver(c, over);
        return written;
    }

    /// <summary>
    /// A first load's positions, ranked from the school rollup's cells it still holds (<see cref="FirstLoadRollup.SchoolCells"/>)
    /// and appended on a connection of their own, beside the rollup's write (which leaves about half a core idle). Read back
    /// from the table after it instead, they took 1.1 s of the 38 M-mark LA's load; ranked beside it but written after a
    /// checkpoint, 0.2–0.3 s of its serial tail. The tables are made afresh first, on <paramref name="c"/>. They write into
    /// the working snapshot: a load that fails meanwhile waits for them before the snapshot is deleted, and one that succeeds
    /// records what they were ranked over (<see cref="RecordRanked"/>).
    /// </summary>
    public static Task<long> RankAndWriteBeside(DuckDBConnection c, Func<DuckDBConnection> openAnother, IEnumerable<SchoolCell> cells)
    {
        Afresh(c);
        return Task.Run(() => Write(openAnother, RankAll(cells)));
    }

    /// <summary>After a first load's positions are written (<see cref="RankAndWriteBeside"/>): their row order and what they were ranked over.</summary>
    public static void RecordRanked(DuckDBConnection c)
    {
        RollupOrder.PeerPositions.Written(c);
        RankedOver(c, PeerPositions.RankedOver(c));
    }

    /// <summary>
    /// The tables dropped (an earlier build's too) and made again, empty: for a full ranking, dropped rather than emptied, as
    /// a deleted row's row group would still be read by every lookup.
    /// </summary>
    private static void Afresh(DuckDBConnection c) =>
        c.ExecuteAll([.. new[] { PeerPositions.Table, PeerPositions.PhasesTable }.Concat(PeerPositions.PreviousTables).Select(t => $"DROP TABLE IF EXISTS {t}"),
            .. PeerPositions.CreateTablesSql]);

    /// <summary>Every bucket's positions ranked again (tests; a load ranks only what it needs).</summary>
    public static IEnumerable<SchoolCell> EveryCell(DuckDBConnection c) => FromRollup(c, Earliest, Latest);

    private static readonly DateOnly Earliest = new(1900, 1, 1), Latest = new(9999, 12, 31);

    /// <summary>The LA's schools and their phases (urn → phase), which a first load's cells are grouped by.</summary>
    public static Dictionary<int, string> Phases(DuckDBConnection c) =>
        c.Rows($"SELECT urn, phase FROM schools WHERE urn IN ({ServedLocalAuthority.SchoolsSql})").ToDictionary(r => r.GetInt32(0), r => r.GetString(1));

    private static void RankedOver(DuckDBConnection c, string over)
    {
        c.ExecuteAll([$"DELETE FROM warehouse_info WHERE key = '{PeerPositions.FingerprintKey}'"]);
        c.Execute("INSERT INTO warehouse_info VALUES ($k, $v)", ("k", PeerPositions.FingerprintKey), ("v", over));
    }

    /// <summary>The rollup's cells of the named periods overlapping [<paramref name="from"/>, <paramref name="to"/>] (<see cref="PeerPositions.CellsSql"/>).</summary>
    public static IEnumerable<SchoolCell> FromRollup(DuckDBConnection c, DateOnly from, DateOnly to)
    {
        var values = PeerPositions.CountColumns.Count;
        foreach (var r in c.Rows(PeerPositions.CellsSql, ("from", from), ("to", to)))
        {
            var counts = new long[values];
            for (var k = 0; k < values; k++) counts[k] = r.GetInt64(6 + k);
            yield return new SchoolCell(new PeriodKey(r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetFieldValue<DateOnly>(2)), r.GetString(3), r.GetString(4),
                PeerPositions.CellOf(r.GetInt32(5), counts));
        }
    }

    /// <summary>Every phase of each named period and cohort ranked: the schools' ranks and the phases' counts, each in its table's row order.</summary>
    public sealed record Ranking(
        IReadOnlyList<(PeriodKey Period, string Cohort, PeerPositions.SchoolRanks School)> Ranks,
        IReadOnlyList<(PeriodKey Period, string Cohort, string Phase, PeerPositions.Ranked Ranked)> Counts);

    /// <summary>Ranks the cells phase by phase (what the tables hold, in their row orders; tests compare them with it).</summary>
    public static Ranking RankAll(IEnumerable<SchoolCell> cells)
    {
        var phases = new Dictionary<(PeriodKey Period, string Cohort, string Phase), List<PeerPositions.Cell>>();
        foreach (var cell in cells)
        {
            if (!phases.TryGetValue((cell.Period, cell.Cohort, cell.Phase), out var list)) phases[(cell.Period, cell.Cohort, cell.Phase)] = list = [];
            list.Add(cell.Cell);
        }
        // Phases in the counts' order; a named period and cohort's schools, gathered from its phases, in URN order (the
        // ranks' order): sorting the few thousand phases, not the hundreds of thousands of schools by their strings.
        var keys = phases.Keys.ToList();
        keys.Sort((a, b) => Compare(a.Period, a.Cohort, b.Period, b.Cohort) is var k and not 0 ? k : string.CompareOrdinal(a.Phase, b.Phase));
        var ranks = new List<(PeriodKey Period, string Cohort, PeerPositions.SchoolRanks School)>();
        var counts = new List<(PeriodKey Period, string Cohort, string Phase, PeerPositions.Ranked Ranked)>(keys.Count);
        var schools = new List<PeerPositions.SchoolRanks>();
        for (var i = 0; i < keys.Count; i++)
        {
            var (period, cohort, phase) = keys[i];
            var ranked = PeerPositions.Rank(phases[keys[i]]);
            counts.Add((period, cohort, phase, ranked));
            schools.AddRange(ranked.Schools);
            if (i + 1 < keys.Count && keys[i + 1].Period == period && keys[i + 1].Cohort == cohort) continue;
            schools.Sort((a, b) => a.Urn.CompareTo(b.Urn));
            foreach (var school in schools) ranks.Add((period, cohort, school));
            schools.Clear();
        }
        return new Ranking(ranks, counts);
    }

    /// <summary>Appends the ranks and the counts (each in its table's row order).</summary>
    private static long Write(Func<DuckDBConnection> openAnother, Ranking ranking)
    {
        var (ranks, counts) = ranking;
        var measures = PeerPositions.Measures.Count;
        var strings = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        byte[] Utf8(string s) => strings.TryGetValue(s, out var b) ? b : strings[s] = Encoding.UTF8.GetBytes(s);
        void Key(ColumnarAppender a, PeriodKey period, string cohort)
        {
            var i = a.Row;
            a.RepeatedUtf8String(0, Utf8(period.Kind));
            a.Column<int>(1)[i] = ColumnarAppender.Date(period.From.DayNumber);
            a.Column<int>(2)[i] = ColumnarAppender.Date(period.To.DayNumber);
            a.RepeatedUtf8String(3, Utf8(cohort));
        }
        using (var connection = openAnother())
        using (var appender = new ColumnarAppender(connection, PeerPositions.Table,
            [DuckDBType.Varchar, DuckDBType.Date, DuckDBType.Date, DuckDBType.Varchar, DuckDBType.Integer, .. Enumerable.Repeat(DuckDBType.Integer, PeerPositions.RankColumns.Count),
             .. Enumerable.Repeat(DuckDBType.BigInt, PeerPositions.CellColumns.Count)]))
        {
            var cellAt = 5 + PeerPositions.RankColumns.Count;
            var cell = new long[PeerPositions.CellColumns.Count];
            foreach (var (period, cohort, s) in ranks)
            {
                var i = appender.Row;
                Key(appender, period, cohort);
                appender.Column<int>(4)[i] = s.Urn;
                for (var m = 0; m < measures; m++)
                {
                    appender.Column<int>(5 + 3 * m)[i] = s.Exact[m];
                    appender.Column<int>(6 + 3 * m)[i] = s.Protected[m];
                    appender.Column<int>(7 + 3 * m)[i] = s.Own[m];
                }
                PeerPositions.CopyCell(s.Cell.Values, s.Cell.Keys, cell);
                for (var k = 0; k < cell.Length; k++) appender.Column<long>(cellAt + k)[i] = cell[k];
                appender.EndRow();
            }
            appender.Close();
        }
        using (var connection = openAnother())
        using (var appender = new ColumnarAppender(connection, PeerPositions.PhasesTable,
            [DuckDBType.Varchar, DuckDBType.Date, DuckDBType.Date, DuckDBType.Varchar, DuckDBType.Varchar,
             .. Enumerable.Repeat(DuckDBType.Integer, PeerPositions.PeersColumns.Count), .. Enumerable.Repeat(DuckDBType.BigInt, PeerPositions.CellColumns.Count)]))
        {
            var cellAt = 5 + PeerPositions.PeersColumns.Count;
            foreach (var (period, cohort, phase, ranked) in counts)
            {
                var i = appender.Row;
                Key(appender, period, cohort);
                appender.RepeatedUtf8String(4, Utf8(phase));
                for (var m = 0; m < measures; m++)
                {
                    appender.Column<int>(5 + 2 * m)[i] = ranked.PeersExact[m];
                    appender.Column<int>(6 + 2 * m)[i] = ranked.PeersProtected[m];
                }
                var cell = PhaseCell(ranked);
                for (var k = 0; k < cell.Length; k++) appender.Column<long>(cellAt + k)[i] = cell[k];
                appender.EndRow();
            }
            appender.Close();
        }
        return ranks.Count;
    }

    /// <summary>A phase's own cell in <see cref="PeerPositions.CellColumns"/>' order: the counts, then the keys.</summary>
    public static long[] PhaseCell(PeerPositions.Ranked ranked) => PeerPositions.CellValues(ranked.Values, ranked.Keys);

    private static int Compare(PeriodKey a, string aCohort, PeriodKey b, string bCohort) =>
        string.CompareOrdinal(a.Kind, b.Kind) is var k and not 0 ? k
        : a.From.CompareTo(b.From) is var f and not 0 ? f
        : a.To.CompareTo(b.To) is var t and not 0 ? t
        : string.CompareOrdinal(aCohort, bCohort);
}

/// <summary>A named period as the rollup keys it.</summary>
public readonly record struct PeriodKey(string Kind, DateOnly From, DateOnly To);

/// <summary>One of the LA's schools' cells of one named period and cohort ('' = all pupils), compulsory school age, with its phase.</summary>
public readonly record struct SchoolCell(PeriodKey Period, string Cohort, string Phase, PeerPositions.Cell Cell);

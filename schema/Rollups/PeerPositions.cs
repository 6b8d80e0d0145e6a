using System.Numerics;
using AttendanceGraph.Schema.Disclosure;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Rollups;

/// <summary>How a caller sees the phase's schools it ranks a school among (decided by the API's data boundary).</summary>
public enum PeerForm
{
    /// <summary>Every school's exact figures (la-lead and virtual-school).</summary>
    Exact,

    /// <summary>Every school's protected figures (bi-reader; any role asking for disclosure control).</summary>
    Protected,

    /// <summary>The school's own exact figures among the other schools' protected ones (a school's own benchmark).</summary>
    OwnAmongProtected,
}

/// <summary>
/// Where each of the LA's schools stands among its schools of the same phase on each headline measure, for every named
/// period of the school rollup (weeks, months, half terms, terms, years; not week parts), all pupils or each reporting
/// cohort, compulsory school age (the official figures; every age reads the peers), in the three forms a caller can see
/// them (<see cref="PeerForm"/>). Ranked at publish time from the rollup's school rows, so a school's benchmark reads its
/// own row and its phase's counts rather than every peer's cell: on the 4 × LA the peers' cells were what grew
/// (docs/scaling.md).
/// <para>
/// <see cref="Table"/> holds each school's rank per measure and form, 0 where the school has no value in that form, and the
/// school's cell as the measure statement reads it from the rollup (its counts, and its key sums mod 256), so a benchmark
/// reads one row per school rather than its row and the rollup's;
/// <see cref="PhasesTable"/> how many of a phase's schools have a value of each measure, exact and protected, and the
/// phase's own cell (the sum of its schools' cells, with their keys: what the measure statement sums). Competition
/// ranking: 1 + the peers strictly better. The values ranked are those <see cref="CellKeyPerturbation"/> publishes from the
/// cell's counts and keys and <see cref="RateMeasure.Of(MeasureValues, MeasureField)"/> reads, so a rank agrees with every
/// published figure.
/// </para>
/// </summary>
public static class PeerPositions
{
    public const string Table = "phase_peer_positions_v2";

    public const string PhasesTable = "phase_peers_v1";

    /// <summary>Tables of positions an earlier build wrote, dropped by the next load.</summary>
    public static IReadOnlyList<string> PreviousTables { get; } = ["phase_peer_counts_v1", "phase_peer_positions_v1"];

    /// <summary>The warehouse_info key holding what the positions were ranked over (<see cref="RankedOver"/>).</summary>
    public const string FingerprintKey = "peer_positions_of";

    public static IReadOnlyList<RateMeasure> Measures => MeasureCatalogue.Headline;

    public static string RankColumn(RateMeasure m, PeerForm form) =>
        $"{m.Name}_rank_{form switch { PeerForm.Exact => "exact", PeerForm.Protected => "protected", _ => "own" }}";

    /// <summary>The peers a rank in <paramref name="exact"/> or protected figures is among (the own form's are worked out from both, <see cref="OwnPeers"/>).</summary>
    public static string PeersColumn(RateMeasure m, bool exact) => $"{m.Name}_peers_{(exact ? "exact" : "protected")}";

    private static readonly PeerForm[] Forms = Enum.GetValues<PeerForm>();

    /// <summary>The rank columns after the key, in table order: per measure, its three forms.</summary>
    public static IReadOnlyList<string> RankColumns { get; } = Measures.SelectMany(m => Forms.Select(f => RankColumn(m, f))).ToList();

    /// <summary>The count columns after the key, in table order: per measure, exact then protected.</summary>
    public static IReadOnlyList<string> PeersColumns { get; } = Measures.SelectMany(m => new[] { PeersColumn(m, true), PeersColumn(m, false) }).ToList();

    public static IReadOnlyList<string> CreateTablesSql => [CreateTableSql, CreatePhasesTableSql];

    public static string CreateTableSql =>
        $"""
        CREATE TABLE IF NOT EXISTS {Table} (
          {RollupBucket.KeyColumnsDdl},
          cohort VARCHAR NOT NULL,
          urn INTEGER NOT NULL,
          {string.Join(",\n  ", RankColumns.Select(c => $"{c} INTEGER NOT NULL").Concat(CellColumns.Select(c => $"{c} BIGINT NOT NULL")))})
        """;

    public static string CreatePhasesTableSql =>
        $"""
        CREATE TABLE IF NOT EXISTS {PhasesTable} (
          {RollupBucket.KeyColumnsDdl},
          cohort VARCHAR NOT NULL,
          phase VARCHAR NOT NULL,
          {string.Join(",\n  ", PeersColumns.Select(c => $"{c} INTEGER NOT NULL").Concat(CellColumns.Select(c => $"{c} BIGINT NOT NULL")))})
        """;

    /// <summary>
    /// A cell's counts (named as the measure statement names them) and its cell keys (Σ record keys mod 256, named as the
    /// statement's <c>ck_</c> columns): the phase's own cell in <see cref="PhasesTable"/>, a school's in <see cref="Table"/>.
    /// </summary>
    public static IReadOnlyList<string> CellColumns { get; } = SchoolRollup.PersonColumns.Concat(SchoolRollup.SessionColumns).Select(c => c.Name)
        .Concat(SchoolRollup.PersonColumns.Select(MeasureQuery.KeyColumn)).Append(MeasureQuery.SessionKeyColumn).ToList();

    /// <summary>
    /// The order <see cref="Table"/>'s rows are written in: a named period and cohort's schools together, so a lookup reads
    /// one period's rows, however many of its schools it asks for (a schools page asks for all of them in one statement).
    /// In URN order one school's lookup was flat across LA sizes, but thirty schools' read the whole table: 3 × slower at
    /// 4 × the LA (docs/scaling.md, run 19).
    /// </summary>
    public const string RowOrder = "kind, b_from, b_to, cohort, urn";

    /// <summary>A cell's values in <see cref="CellColumns"/>' order: the counts, then the keys.</summary>
    public static long[] CellValues(MeasureValues values, CellKeys keys)
    {
        var cell = new long[CellColumns.Count];
        CopyCell(values, keys, cell);
        return cell;
    }

    /// <summary>
    /// <see cref="CellValues"/> into <paramref name="into"/>: the load writes one per school, period and cohort (about
    /// 800,000 at 4 × the LA), so without an array or an enumerator each.
    /// </summary>
    public static void CopyCell(MeasureValues values, CellKeys keys, Span<long> into)
    {
        var counts = CellCountColumns;
        for (var i = 0; i < counts.Length; i++) into[i] = counts[i].Of(values);
        into[counts.Length] = keys.Enrolments;
        into[counts.Length + 1] = keys.PersistentAbsence;
        into[counts.Length + 2] = keys.SevereAbsence;
        into[counts.Length + 3] = keys.Sessions;
    }

    private static readonly CountMeasure[] CellCountColumns = [.. SchoolRollup.PersonColumns, .. SchoolRollup.SessionColumns];

    /// <summary>
    /// What the held positions were ranked over, as one value: the ranking and disclosure rules and the table
    /// (<see cref="RankedBy"/>), and the LA's schools with their phases. Ranks made under other rules, or over other schools
    /// or phases, are stale.
    /// </summary>
    public static string RankedOver(DuckDBConnection c) =>
        RankedBy + "|" + c.Scalar<string>($"SELECT coalesce(hash(list((urn, phase) ORDER BY urn))::VARCHAR, '') FROM schools WHERE urn IN ({ServedLocalAuthority.SchoolsSql})");

    /// <summary>
    /// The ranking and disclosure rules as one value: a fixed spread of cells (enrolments 0–60, every key) published and
    /// ranked, hashed. A change to the perturbation table, the rate noise, the thresholds or the ranking changes it, so a
    /// load ranks every period again and an API of other rules reads the peers rather than ranks it would not publish.
    /// </summary>
    public static string RulesVersion { get; } = Rules();

    private static string Rules()
    {
        var cells = Enumerable.Range(0, 512).Select(i =>
        {
            long enrolments = i % 61, possible = enrolments * (7 + i % 13), absent = possible * (i % 17) / 40, authorised = absent * (i % 5) / 4;
            return new Cell(i, new MeasureValues(enrolments, possible, possible - absent, authorised, absent - authorised, absent, i % 3, enrolments * (i % 7) / 9,
                enrolments * (i % 7) / 20), new CellKeys(i % 256, (i * 37) % 256, (i * 101) % 256, (i * 53 + 7) % 256));
        }).ToList();
        var text = new System.Text.StringBuilder();
        foreach (var c in cells)
        {
            var published = CellKeyPerturbation.Publish(c.Values, c.Keys);
            text.Append(published.Values).Append(published.Withheld).Append(published.RatesOnly);
        }
        foreach (var group in cells.Chunk(64))
        {
            var ranked = Rank(group);
            text.AppendJoin(',', ranked.PeersExact).AppendJoin(',', ranked.PeersProtected);
            foreach (var r in ranked.Schools) text.AppendJoin(',', r.Exact).AppendJoin(',', r.Protected).AppendJoin(',', r.Own);
        }
        return "v1-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>
    /// Whether the snapshot holds positions ranked under this build's rules (one published before them, or by a build of
    /// other rules, does not; its benchmarks read the peers). Asked once per published snapshot.
    /// </summary>
    public static bool Available(DuckDBConnection connection) => PublishedSnapshotFacts.Remember(connection, "peer positions ranked under these rules", () =>
        WarehouseTables.Has(connection, Table) && WarehouseTables.Has(connection, PhasesTable)
        && connection.Scalar<string?>("SELECT value FROM warehouse_info WHERE key = $k", ("k", FingerprintKey)) is { } over
        && over.StartsWith(RankedBy + "|", StringComparison.Ordinal));

    /// <summary>
    /// The rules and the table the positions were written under. The table is in it because a build of an earlier table
    /// (rolled back to) leaves this one as it was while it records the same rules and schools: its cells would be stale.
    /// </summary>
    private static string RankedBy => RulesVersion + "|" + Table;

    /// <summary>One cell of a phase: a school's counts and cell keys for one named period and cohort, compulsory school age.</summary>
    public readonly record struct Cell(int Urn, MeasureValues Values, CellKeys Keys);

    /// <summary>
    /// A phase's peers counted and its schools ranked: per measure (in <see cref="Measures"/>' order); and its own cell, the
    /// sum of its schools' (keys too: a sum of keys mod 256 is the sum of the record keys mod 256).
    /// </summary>
    public sealed record Ranked(int[] PeersExact, int[] PeersProtected, IReadOnlyList<SchoolRanks> Schools, MeasureValues Values, CellKeys Keys);

    /// <summary>One school's cell and its rank in each form per measure; 0 where the school has no value in that form.</summary>
    public sealed record SchoolRanks(Cell Cell, int[] Exact, int[] Protected, int[] Own)
    {
        public int Urn => Cell.Urn;
    }

    /// <summary>Ranks the cells of one phase (one named period and cohort; every school of the phase with a cell).</summary>
    public static Ranked Rank(IReadOnlyList<Cell> cells)
    {
        var measures = Measures.Count;
        var exact = new double[measures][];
        var published = new double[measures][];
        for (var m = 0; m < measures; m++)
        {
            exact[m] = new double[cells.Count];
            published[m] = new double[cells.Count];
        }
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = CellKeyPerturbation.Publish(cells[i].Values, cells[i].Keys);
            for (var m = 0; m < measures; m++)
            {
                // NaN for no value: never a rate, and left out of the sorted peers below.
                exact[m][i] = Measures[m].Of(cells[i].Values) ?? double.NaN;
                published[m][i] = Measures[m].Of(cell.Values, cell.Withheld) ?? double.NaN;
            }
        }
        var schools = new SchoolRanks[cells.Count];
        for (var i = 0; i < cells.Count; i++) schools[i] = new SchoolRanks(cells[i], new int[measures], new int[measures], new int[measures]);
        var peersExact = new int[measures];
        var peersProtected = new int[measures];
        // Each measure's values sorted once with their schools, the ranks then read off in one walk (ties share the rank of
        // the first of them): a binary search per school and form was half of a ranking's time.
        var (exactSorted, exactSchools) = (new double[cells.Count], new int[cells.Count]);
        var (shownSorted, shownSchools) = (new double[cells.Count], new int[cells.Count]);
        for (var m = 0; m < measures; m++)
        {
            var worse = Measures[m].HigherIsWorse;
            var withExact = peersExact[m] = SortWithSchools(exact[m], exactSorted, exactSchools);
            var withShown = peersProtected[m] = SortWithSchools(published[m], shownSorted, shownSchools);
            AssignRanks(exactSorted, exactSchools, withExact, worse, (i, rank) => schools[i].Exact[m] = rank);
            AssignRanks(shownSorted, shownSchools, withShown, worse, (i, rank) => schools[i].Protected[m] = rank);
            // Own: a school's exact value among the others' protected ones. Walking the exact values upwards, the protected
            // values below (or at) each only grow: one pass over both.
            var below = 0;
            for (var k = 0; k < withExact; k++)
            {
                var own = exactSorted[k];
                while (below < withShown && (worse ? shownSorted[below] < own : shownSorted[below] <= own)) below++;
                var i = exactSchools[k];
                var shown = published[m][i];
                // Its own protected value is not a peer of its exact one.
                var ownShownBetter = !double.IsNaN(shown) && IsBetter(shown, own, worse) ? 1 : 0;
                schools[i].Own[m] = 1 + (worse ? below : withShown - below) - ownShownBetter;
            }
        }
        var keys = cells.Aggregate((E: 0, P: 0, S: 0, X: 0), (k, c) => ((k.E + c.Keys.Enrolments) % 256, (k.P + c.Keys.PersistentAbsence) % 256,
            (k.S + c.Keys.SevereAbsence) % 256, (k.X + c.Keys.Sessions) % 256));
        return new Ranked(peersExact, peersProtected, schools, MeasureValues.SumOfEnrolments(cells.Select(c => c.Values)), new CellKeys(keys.E, keys.P, keys.S, keys.X));
    }

    /// <summary>The peers a school is ranked among in the own form: the others' protected values and its own exact one.</summary>
    public static int OwnPeers(int peersProtected, int ownProtectedRank, int ownExactRank) =>
        peersProtected - (ownProtectedRank > 0 ? 1 : 0) + (ownExactRank > 0 ? 1 : 0);

    public static bool IsBetter(double candidate, double than, bool higherIsWorse) => higherIsWorse ? candidate < than : candidate > than;

    /// <summary>The values that are not NaN, ascending, into <paramref name="sorted"/>, each school's index beside it; returns how many.</summary>
    private static int SortWithSchools(double[] values, double[] sorted, int[] schools)
    {
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i])) continue;
            sorted[n] = values[i];
            schools[n++] = i;
        }
        Array.Sort(sorted, schools, 0, n);
        return n;
    }

    /// <summary>Competition ranks (1 + the values strictly better) from ascending values: the lowest first when higher is worse, else the highest.</summary>
    private static void AssignRanks(double[] sorted, int[] schools, int n, bool higherIsWorse, Action<int, int> assign)
    {
        for (var first = 0; first < n;)
        {
            var end = first + 1;
            while (end < n && sorted[end] == sorted[first]) end++;
            var rank = 1 + (higherIsWorse ? first : n - end);
            for (var k = first; k < end; k++) assign(schools[k], rank);
            first = end;
        }
    }

    /// <summary>
    /// The rollup's school cells the positions are ranked from, in the order <see cref="Rank"/> takes them (a phase's cells
    /// together): the LA's schools' compulsory-age rows with an enrolment (as the measure statement selects them) of all
    /// pupils and of each cohort (not the rest corrections), every named period but week parts overlapping [$from, $to].
    /// Columns: kind, b_from, b_to, cohort, phase, urn, then <see cref="CountColumns"/>.
    /// </summary>
    public static string CellsSql =>
        $"""
        SELECT r.kind, r.b_from, r.b_to, r.cohort, s.phase, r.urn, {string.Join(", ", CountColumns.Select(c => "r." + c))}
        FROM {SchoolRollup.Table} r JOIN schools s ON s.urn = r.urn
        WHERE r.compulsory AND NOT r.rest AND r.{MeasureCatalogue.Enrolments.Name} > 0 AND r.kind <> '{RollupBucket.WeekPart}'
          AND r.b_from <= $to AND r.b_to >= $from AND r.urn IN ({ServedLocalAuthority.SchoolsSql})
        ORDER BY r.kind, r.b_from, r.b_to, r.cohort, s.phase, r.urn
        """;

    /// <summary>The rollup's counts and key sums a cell is made of, in <see cref="CellsSql"/>' order.</summary>
    public static IReadOnlyList<string> CountColumns { get; } = SchoolRollup.PersonColumns.Concat(SchoolRollup.SessionColumns).Select(c => c.Name)
        .Concat(SchoolRollup.PersonColumns.Select(SchoolRollup.KeySumColumn)).Append(SchoolRollup.SessionKeySumColumn).ToList();

    /// <summary>A cell from <see cref="CountColumns"/>' values: its counts and keys as the rollup's measure statement gives them.</summary>
    public static Cell CellOf<T>(int urn, T[] counts) where T : IBinaryInteger<T>
    {
        var values = MeasureValues.FromCounts(counts, static (c, m) => long.CreateTruncating(c[CountIndex[BitOperations.TrailingZeroCount((uint)m.Field)]]));
        int Key(int index) => int.CreateTruncating(counts[index] % T.CreateTruncating(256));
        return new Cell(urn, values, new CellKeys(Key(KeyIndex[0]), Key(KeyIndex[1]), Key(KeyIndex[2]), Key(KeyIndex[3])));
    }

    // Each count's place among CountColumns, by the bit of its MeasureField (one bit each): a lookup per value, no hashing.
    private static readonly int[] CountIndex = IndexByField();

    private static int[] IndexByField()
    {
        var index = new int[32];
        foreach (var (c, i) in SchoolRollup.PersonColumns.Concat(SchoolRollup.SessionColumns).Select((c, i) => (c, i)))
        {
            if (BitOperations.PopCount((uint)c.Field) != 1) throw new InvalidOperationException($"{c.Name} is not one field");
            index[BitOperations.TrailingZeroCount((uint)c.Field)] = i;
        }
        return index;
    }

    // The cell keys' sums, in CellKeys' order: enrolments, persistent absence, severe absence, sessions.
    private static readonly int[] KeyIndex = new[]
    {
        SchoolRollup.KeySumColumn(MeasureCatalogue.Enrolments), SchoolRollup.KeySumColumn(MeasureCatalogue.PersistentAbsenceEnrolments),
        SchoolRollup.KeySumColumn(MeasureCatalogue.SevereAbsenceEnrolments), SchoolRollup.SessionKeySumColumn,
    }.Select(c => CountColumns.ToList().IndexOf(c)).ToArray();

    /// <summary>
    /// In one statement: the phase's row of <see cref="PhasesTable"/> (part 'phase') and the asked schools' rows of
    /// <see cref="Table"/>, their ranks and cells (part 'school'), for one named period and cohort ('' = all pupils). The
    /// rows are the LA's schools' with a cell (compulsory age, an enrolment), as the measure statement selects them. Each
    /// school's ranks and cell in one row. Read from the positions and the rollup, each filtered from the period's rows, one
    /// school's statement took 5.3 ms p50 on the 38 M-mark LA and 5.4–5.7 on 4 × it, thirty schools' 5.7–5.8 and 6.8–7.1;
    /// from one table, 4.3–4.4 and 4.3–4.5, 4.4–4.5 and 4.6–4.7 (a probe, alternated; docs/scaling.md, run 19).
    /// Parameters: $kind, $from, $to, $cohort, $phase, $urns (a list).
    /// </summary>
    public static string LookupSql =>
        $"""
        SELECT 'phase' AS part, {string.Join(", ", PeersColumns.Concat(CellColumns))} FROM {PhasesTable}
        WHERE kind = $kind AND b_from = $from AND b_to = $to AND cohort = $cohort AND phase = $phase
        UNION ALL BY NAME
        SELECT 'school' AS part, urn, {string.Join(", ", RankColumns.Concat(CellColumns))} FROM {Table}
        WHERE kind = $kind AND b_from = $from AND b_to = $to AND cohort = $cohort AND urn IN (SELECT unnest($urns))
        """;

    /// <summary>A named period and cohort ('' = all pupils) whose positions are held.</summary>
    public sealed record Lookup(string Kind, DateOnly From, DateOnly To, string Cohort);

    /// <summary>
    /// The positions a benchmark request's peers are held under, or null when they are not (it then reads the peers):
    /// one named period of the rollup (not a week part) by enrolment under the official method, compulsory school age, the
    /// LA's schools, all pupils or one cohort, no characteristic, grain, codes or cohort within a cohort.
    /// </summary>
    public static Lookup? For(MeasureRequest shape)
    {
        if (shape is not { Grain: TimeGrain.None, IncludeAllAges: false, LaPopulation: LaPopulation.LaSchools, Urns: null, GroupBy: MeasureGrouping.None })
            return null;
        var cohort = shape.Population switch
        {
            Population.AllPupils => "",
            Population.Cohort when shape.Cohorts.Distinct().Count() == 1 => shape.Cohorts[0],
            _ => null,
        };
        if (cohort is null || RollupMeasureQuery.Scope(shape with { GroupBy = MeasureGrouping.School }) is not { WeekParts.Count: 0 } scope || scope.Kind == RollupBucket.WeekPart)
            return null;
        return new Lookup(scope.Kind, scope.From, scope.To, cohort);
    }

    /// <summary>A school's ranks and its phase's peer counts, per measure in <see cref="Measures"/>' order; a rank of 0 is no value.</summary>
    public sealed record Position(int[] PeersExact, int[] PeersProtected, int[] RankExact, int[] RankProtected, int[] RankOwn)
    {
        public int Rank(int measure, PeerForm form) => form switch
        {
            PeerForm.Exact => RankExact[measure],
            PeerForm.Protected => RankProtected[measure],
            _ => RankOwn[measure],
        };

        public int Peers(int measure, PeerForm form) => form switch
        {
            PeerForm.Exact => PeersExact[measure],
            PeerForm.Protected => PeersProtected[measure],
            _ => OwnPeers(PeersProtected[measure], RankProtected[measure], RankExact[measure]),
        };
    }

    /// <summary>What <see cref="LookupSql"/> read: the phase's row (null when none of its schools has a cell), and per asked school its position and cell (null when it has none).</summary>
    public sealed record Held(Func<string, long>? Phase, IReadOnlyDictionary<int, Position> Positions, IReadOnlyDictionary<int, Func<string, long>> Cells);

    /// <summary>The asked schools' positions among <paramref name="phase"/>'s schools and their cells, and the phase's own cell, in one read.</summary>
    public static Held Read(DuckDBConnection c, Lookup lookup, string phase, IReadOnlyList<int> urns)
    {
        var asked = urns.Distinct().ToArray();
        var n = Measures.Count;
        Func<string, long>? phaseRow = null;
        var ranks = new Dictionary<int, (int[] Exact, int[] Protected, int[] Own)>();
        var cells = new Dictionary<int, Func<string, long>>();
        foreach (var r in c.Rows(LookupSql, ("kind", lookup.Kind), ("from", lookup.From), ("to", lookup.To), ("cohort", lookup.Cohort), ("phase", phase), ("urns", asked)))
        {
            if (r.GetString(r.GetOrdinal("part")) == "phase")
            {
                phaseRow = Copy(r, PeersColumns.Concat(CellColumns));
                continue;
            }
            var urn = r.GetInt32(r.GetOrdinal("urn"));
            var rank = Copy(r, RankColumns);
            ranks[urn] = (Measures.Select(m => (int)rank(RankColumn(m, PeerForm.Exact))).ToArray(),
                Measures.Select(m => (int)rank(RankColumn(m, PeerForm.Protected))).ToArray(), Measures.Select(m => (int)rank(RankColumn(m, PeerForm.OwnAmongProtected))).ToArray());
            cells[urn] = Copy(r, CellColumns);
        }
        var peersExact = Measures.Select(m => (int)(phaseRow?.Invoke(PeersColumn(m, true)) ?? 0)).ToArray();
        var peersProtected = Measures.Select(m => (int)(phaseRow?.Invoke(PeersColumn(m, false)) ?? 0)).ToArray();
        var none = new int[n];
        var positions = asked.ToDictionary(u => u, u => ranks.TryGetValue(u, out var x)
            ? new Position(peersExact, peersProtected, x.Exact, x.Protected, x.Own)
            : new Position(peersExact, peersProtected, none, none, none));
        return new Held(phaseRow, positions, cells);
    }

    private static Func<string, long> Copy(System.Data.Common.DbDataReader r, IEnumerable<string> columns)
    {
        var values = columns.ToDictionary(c => c, c => r.GetInt64(r.GetOrdinal(c)), StringComparer.OrdinalIgnoreCase);
        return column => values.GetValueOrDefault(column);
    }
}

namespace AttendanceGraph.Schema.Rollups;

/// <summary>
/// How each bucket's per-enrolment units are computed, cheapest first: weeks and months from the fragment rows, and
/// each coarser bucket from the finer buckets that tile it exactly (half terms from weeks, terms from half terms, the
/// year from months), so the big group-by over fragments happens once per fragment rather than once per bucket it lies
/// in. A bucket whose would-be children among <c>buckets</c> do not tile it exactly is built from fragments: with today's
/// calendar none in a full build, and in a daily load's plan (its week, month, half term, term and year) all of them,
/// since summing eleven unchanged months to rebuild the year costs more than summing the year's fragments once.
/// </summary>
public sealed class RollupPlan
{
    // Coarser kind ← the finer kind it is summed from, in the order the levels must be built.
    private static readonly (string Parent, string Child)[] Levels =
        [(RollupBucket.HalfTerm, RollupBucket.Week), (RollupBucket.Term, RollupBucket.HalfTerm), (RollupBucket.Year, RollupBucket.Month)];

    /// <param name="fromKeptUnits">Buckets whose units are the kept ones brought up to date (<see cref="RollupUnits"/>).</param>
    public RollupPlan(IReadOnlyList<RollupBucket> buckets, Func<RollupBucket, bool>? fromKeptUnits = null)
    {
        Buckets = buckets;
        var fromFragments = new List<int>();
        var fromUnits = new List<int>();
        var children = new List<(int Level, int Child, int Parent)>();
        for (var id = 0; id < buckets.Count; id++)
        {
            var b = buckets[id];
            if (fromKeptUnits?.Invoke(b) == true)
            {
                fromUnits.Add(id);
                continue;
            }
            var level = Array.FindIndex(Levels, l => l.Parent == b.Kind);
            var tiles = level < 0 ? null : Tiling(b, Levels[level].Child);
            if (tiles is null) fromFragments.Add(id);
            else children.AddRange(tiles.Select(child => (level, child, id)));
        }
        FromFragments = fromFragments;
        FromKeptUnits = fromUnits;
        Children = children;
    }

    public IReadOnlyList<RollupBucket> Buckets { get; }

    /// <summary>Ids (indexes into <see cref="Buckets"/>) of the buckets summed straight from fragment rows.</summary>
    public IReadOnlyList<int> FromFragments { get; }

    /// <summary>Ids of the buckets whose units are the kept ones plus the dirty weeks' difference.</summary>
    public IReadOnlyList<int> FromKeptUnits { get; }

    /// <summary>Which bucket each coarser bucket sums, by level (level k only reads buckets built before it).</summary>
    public IReadOnlyList<(int Level, int Child, int Parent)> Children { get; }

    public static int LevelCount => Levels.Length;

    /// <summary>The ids of the <paramref name="kind"/> buckets that cover <paramref name="parent"/> day for day, or null.</summary>
    private List<int>? Tiling(RollupBucket parent, string kind)
    {
        var inside = Buckets.Select((b, id) => (b, id)).Where(x => x.b.Kind == kind && x.b.From >= parent.From && x.b.To <= parent.To)
            .OrderBy(x => x.b.From).ToList();
        var next = parent.From;
        foreach (var (b, _) in inside)
        {
            if (b.From != next) return null;
            next = b.To.AddDays(1);
        }
        return next == parent.To.AddDays(1) ? inside.Select(x => x.id).ToList() : null;
    }
}

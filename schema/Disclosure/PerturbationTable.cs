namespace AttendanceGraph.Schema.Disclosure;

/// <summary>
/// The published perturbation table (ptable) of the cell-key method: for a true person count <c>n</c> and a cell key
/// 0–255 it gives the count to publish. Rows, each a distribution over the 256 keys (docs/security.md has the table):
/// <list type="bullet">
/// <item>0 → 0 (an empty cell has no key to perturb it with; small counts also publish 0, so 0 reveals nothing).</item>
/// <item>1–5 → 0 or 6, never 1–5; 6 on n/6 of the keys, so the mean published value is the true count.</item>
/// <item>6 → 0 (16 keys), 6 (168), 7 (48), 8 (24): mean 6; 7 → 6, 7, 8 on 64/128/64 keys: mean 7.</item>
/// <item>8 and more → n + d, d = 0 (88 keys), ±1 (48 each), ±2 (20), ±3 (8), ±4 (4), ±5 (2), ±6 (1), ±7 (1): mean 0,
/// sd 1.77; a result under 6 publishes 6 (rows 8–12, biased up by at most 0.12).</item>
/// </list>
/// Why tails to ±7 on a few keys: with only ±2, every published count bounded its true count to five values, and the
/// identities one school and period publishes (everyone = cohort + rest for nine cohorts at once, the nestings, PA ≤
/// enrolments) narrowed those bounds by propagation until PA counts of 1 and 2 were pinned (the fourth cold attack: 23
/// verified). The rare wide draws cost little accuracy, but an attacker must allow for them in every cell, so the
/// bounds stay fifteen values wide and the propagation pins nothing (tests: IdentityPropagationTests).
/// Which keys get which value is a fixed shuffle per row (rows from 8 on repeat every <see cref="Cycle"/> counts), so
/// the adjustments of n and n + 1 in the same cell are unrelated. A published 0 comes from n 0–6, a 6 from 1–13, a 7
/// from 6–14, an 8 from 6–15, any other p ≥ 9 from max(8, p − 7) to p + 7 (<see cref="Preimage"/>): every published value
/// has at least seven possible true counts.
/// </summary>
public static class PerturbationTable
{
    public const int Keys = 256;
    public const int Cycle = 32;
    public const long SmallestPublished = 6;

    // Before Rows: static fields initialise in the order they are written, and Build reads it.
    private static readonly (int Value, int Count)[] Adjustments =
        [(-7, 1), (-6, 1), (-5, 2), (-4, 4), (-3, 8), (-2, 20), (-1, 48), (0, 88), (1, 48), (2, 20), (3, 8), (4, 4), (5, 2), (6, 1), (7, 1)];

    private static readonly int[][] Rows = Build();

    /// <summary>The published count for true count <paramref name="n"/> in a cell with key <paramref name="cellKey"/>.</summary>
    public static long Publish(long n, int cellKey)
    {
        if (n <= 0) return 0;
        var row = n < 8 ? (int)n : 8 + (int)(n % Cycle);
        return n < 8 ? Rows[row][cellKey & 255] : Math.Max(SmallestPublished, n + Rows[row][cellKey & 255]);
    }

    /// <summary>The true counts that can publish as <paramref name="published"/> (the attacker's knowledge of the ptable).</summary>
    public static (long Low, long High) Preimage(long published) => published switch
    {
        0 => (0, 6),
        6 => (1, 6 + MaxAdjustment),
        7 => (6, 7 + MaxAdjustment),
        8 => (6, 8 + MaxAdjustment),
        _ => (Math.Max(8, published - MaxAdjustment), published + MaxAdjustment),
    };

    /// <summary>The widest adjustment of a count of 8 or more, either way.</summary>
    public const int MaxAdjustment = 7;

    /// <summary>Value per key of each row: a published count for rows 1–7, an adjustment for rows 8 and up.</summary>
    private static int[][] Build()
    {
        var rows = new int[8 + Cycle][];
        rows[0] = new int[Keys];
        for (var n = 1; n <= 5; n++)
        {
            var six = (int)Math.Round(Keys * n / 6.0, MidpointRounding.AwayFromZero);
            rows[n] = KeyedDistribution.Spread(n, [(6, six), (0, Keys - six)]);
        }
        rows[6] = KeyedDistribution.Spread(6, [(0, 16), (6, 168), (7, 48), (8, 24)]);
        rows[7] = KeyedDistribution.Spread(7, [(6, 64), (7, 128), (8, 64)]);
        for (var r = 8; r < rows.Length; r++) rows[r] = KeyedDistribution.Spread(r, Adjustments);
        return rows;
    }
}

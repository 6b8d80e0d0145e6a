namespace AttendanceGraph.Schema.Disclosure;

/// <summary>
/// The published perturbation table (ptable) of the cell-key method: for a true person count <c>n</c> and a cell key
/// 0–255 it gives the count to publish. Rows, each a distribution over the 256 keys (docs/security.md has the table):
/// <list type="bullet">
/// <item>0 → 0 (an empty cell has no key to perturb it with; small counts also publish 0, so 0 reveals nothing).</item>
/// <item>1–5 → 0 or 6, never 1–5; 6 on n/6 of the keys, so the mean published value is the true count.</item>
/// <item>6 → 0 (16 keys), 6 (168), 7 (48), 8 (24): mean 6; 7 → 6, 7, 8 on 64/128/64 keys: mean 7.</item>
/// <item>8 and more → n + d, d = −2, −1, 0, +1, +2 on 24/56/96/56/24 keys: mean 0, variance 1.19 (sd 1.09).</item>
/// </list>
/// Which keys get which value is a fixed shuffle per row (rows from 8 on repeat every <see cref="Cycle"/> counts), so
/// the adjustments of n and n + 1 in the same cell are unrelated. A published 0 comes from n 0–6, a 6 from 1–8, a
/// 7 from 6–9, a 9 from 8–11, any other p ≥ 8 from p − 2 to p + 2 (<see cref="Preimage"/>): every published value has at least
/// four possible true counts.
/// </summary>
public static class PerturbationTable
{
    public const int Keys = 256;
    public const int Cycle = 32;
    public const long SmallestPublished = 6;

    private static readonly int[][] Rows = Build();

    /// <summary>The published count for true count <paramref name="n"/> in a cell with key <paramref name="cellKey"/>.</summary>
    public static long Publish(long n, int cellKey)
    {
        if (n <= 0) return 0;
        var row = n < 8 ? (int)n : 8 + (int)(n % Cycle);
        return n < 8 ? Rows[row][cellKey & 255] : n + Rows[row][cellKey & 255];
    }

    /// <summary>The true counts that can publish as <paramref name="published"/> (the attacker's knowledge of the ptable).</summary>
    public static (long Low, long High) Preimage(long published) => published switch
    {
        0 => (0, 6),
        6 => (1, 8),
        7 => (6, 9),
        9 => (8, 11),
        _ => (published - 2, published + 2),
    };

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
        for (var r = 8; r < rows.Length; r++) rows[r] = KeyedDistribution.Spread(r, [(-2, 24), (-1, 56), (0, 96), (1, 56), (2, 24)]);
        return rows;
    }
}

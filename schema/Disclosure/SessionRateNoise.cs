namespace AttendanceGraph.Schema.Disclosure;

/// <summary>
/// The cell-key noise added to a protected cell's session rates, in percentage points: for a cell of n published
/// enrolments, a keyed draw from −<see cref="HalfWidthInPupils"/> to +<see cref="HalfWidthInPupils"/> of one pupil's
/// share of the rate (100 / n points), in quarters of that half-width on 8/16/24/36/88/36/24/16/8 of the 256 keys (mean 0,
/// sd 0.22 of a pupil's share). One draw per rate field, each from its own shuffle of the keys, keyed by the cell's
/// session key (<see cref="Measures.CellKeys.Sessions"/>), so a cell publishes the same rates whichever query asks.
/// <para>
/// Why in pupils' shares: a pupil's share of a cell's sessions is its possible sessions over the cell's, about 100 / n
/// points whatever the period (two sessions of a one-day cell, 380 of a year's), so the noise hides half a pupil's
/// sessions in any period; subtracting one cell from another (everyone − the rest of a cohort) is left with the noise
/// of both, up to a whole pupil's sessions. Why n published, not true: the width would otherwise say something about the
/// true count.
/// </para>
/// </summary>
public static class SessionRateNoise
{
    public const double HalfWidthInPupils = 0.5;

    private const int Steps = 4;

    private static readonly (int Value, int Count)[] Distribution =
        [(-4, 8), (-3, 16), (-2, 24), (-1, 36), (0, 88), (1, 36), (2, 24), (3, 16), (4, 8)];

    /// <summary>The fields that get their own draw: overall absence, authorised absence and late (the others derive from them).</summary>
    public enum Field { OverallAbsence, AuthorisedAbsence, Late }

    // Rows far above the ptable's (0–39), so no field shares a shuffle with a count.
    private static readonly int[][] Rows = Enum.GetValues<Field>().Select(f => KeyedDistribution.Spread(1000 + (int)f, Distribution)).ToArray();

    /// <summary>The noise in percentage points for <paramref name="field"/> of a cell with this session key and published enrolments.</summary>
    public static double Points(Field field, int sessionKey, long publishedEnrolments) =>
        publishedEnrolments <= 0 ? 0 : Rows[(int)field][sessionKey & 255] * HalfWidthInPupils / Steps * 100.0 / publishedEnrolments;

    /// <summary>The largest noise, either way, for a cell of this many published enrolments (the attacker's bound).</summary>
    public static double MaxPoints(long publishedEnrolments) => HalfWidthInPupils * 100.0 / publishedEnrolments;
}

namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// A unit's contribution to its cell's session key (<see cref="CellKeys.Sessions"/>): its record key and its session
/// totals in the cell, mixed into 0–255. A cell's session key is the sum of its units' contributions mod 256, so it is
/// the same whichever query computes the cell (it adds up across schools as the person keys do), and it changes, to an
/// unrelated value, whenever any unit's sessions in the cell change.
/// <para>
/// Why the sessions and not just the members: a session rate's noise keyed by members alone would be the same for
/// every period a stable cohort is asked over, so the difference of two periods' published rates would carry no noise
/// (week − Monday-to-Thursday = Friday, exactly), and a cohort's weekly rates would share one offset an attacker could
/// read from its quietest week. Keyed by the sessions, two cells share a key only when they hold the same sessions.
/// </para>
/// <para>
/// Why arithmetic and not MD5: the mix runs on every unit of every protected measure query, and MD5 per unit measured
/// 4.7× a query's time (<see cref="Warehouse.RecordKeys"/>). Each step adds one session total, xors a constant (the
/// nonlinear step: without it a sum over units would be a linear function of the cell's totals) and multiplies modulo a
/// prime. Every intermediate stays below 2^63, so DuckDB's checked BIGINT arithmetic never overflows. Each step reads
/// the previous one once, so the SQL grows linearly with the steps: an xor-shift (x ^ x >> k) reads it twice, and
/// nested (or as DuckDB's lateral column aliases, which it inlines) doubled the text each step and took the attacker
/// test from minutes to a timeout.
/// </para>
/// </summary>
public static class SessionKeySql
{
    private const long Prime = 2147483629; // < 2^31
    private const long Multiplier = 1597334677; // < 2^31: anything below 2^32 times it stays below 2^63

    /// <summary>
    /// The unit's contribution, 0–255, from <paramref name="recordKey"/> (an SQL expression 0–255) and the session columns
    /// read through <paramref name="column"/>.
    /// </summary>
    public static string Contribution(string recordKey, Func<CountMeasure, string> column)
    {
        var h = $"(({recordKey})::BIGINT + 1)";
        var step = 0;
        foreach (var count in MeasureCatalogue.Counts.Where(c => c.Sessions is not null))
            h = $"((xor({h} + ({column(count)})::BIGINT, {Salt(step++)}) * {Multiplier}) % {Prime})";
        return $"(((xor({h}, {Salt(step)}) * {Multiplier}) % {Prime}) >> 23)";
    }

    /// <summary>
    /// The same contribution computed in .NET, for a load that sums the rollup's units in memory rather than in DuckDB
    /// (the ETL's first load): <paramref name="sessions"/> are the unit's session totals in the order of
    /// <see cref="MeasureCatalogue.Counts"/> that have sessions, as <see cref="Contribution(string, Func{CountMeasure, string})"/>
    /// reads them. Both must give the same value for the same unit (SessionKeyContributionTests).
    /// </summary>
    public static int Contribution(int recordKey, ReadOnlySpan<long> sessions)
    {
        // Unsigned: every intermediate is non-negative and below 2^63 (a session count is far below 2^32), so the values are
        // the SQL's, and an unsigned remainder by a constant is a few instructions fewer (this runs ~18 million times in a
        // first load of 100,000 pupils).
        var salts = Salts;
        var h = (ulong)recordKey + 1;
        var step = 0;
        foreach (var value in sessions)
        {
            // The unsigned steps equal the SQL's only for counts, which are never negative: anything else is a bug upstream.
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(sessions));
            h = ((h + (ulong)value) ^ salts[step++]) * Multiplier % Prime;
        }
        return (int)(((h ^ salts[step]) * Multiplier % Prime) >> 23);
    }

    // Every step's salt, worked out once: a first load mixes millions of units.
    private static readonly ulong[] Salts = Enumerable.Range(0, MeasureCatalogue.Counts.Count(c => c.Sessions is not null) + 1).Select(step => (ulong)Salt(step)).ToArray();

    // A fixed constant below 2^31 per step (SplitMix64 of the step), so each step's xor differs.
    private static long Salt(int step)
    {
        var x = (ulong)step + 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return (long)((x ^ (x >> 31)) & 0x7FFFFFFF);
    }
}

namespace AttendanceGraph.Schema.Disclosure;

/// <summary>
/// A published distribution laid over the 256 cell keys: each value gets its number of keys, the keys taken in a fixed
/// pseudo-random order per row, so two rows (two counts, two fields) give unrelated values for the same key.
/// </summary>
internal static class KeyedDistribution
{
    public const int Keys = 256;

    public static int[] Spread(int row, (int Value, int Count)[] values)
    {
        var order = Enumerable.Range(0, Keys).OrderBy(k => Mix(((ulong)(uint)row << 8) | (uint)k)).ToArray();
        var result = new int[Keys];
        var i = 0;
        foreach (var (value, count) in values)
            for (var j = 0; j < count; j++) result[order[i++]] = value;
        if (i != Keys) throw new InvalidOperationException($"row {row} covers {i} keys, not {Keys}");
        return result;
    }

    // SplitMix64's finaliser: a fixed, well-mixed order that does not depend on any library's random generator.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Our own generator rather than System.Random so that demo files are
/// byte-identical for a seed across .NET versions, and cheap enough to draw once per session.
/// </summary>
public sealed class DemoRandom
{
    private ulong s0, s1, s2, s3;

    public DemoRandom(ulong seed)
    {
        var x = seed;
        s0 = SplitMix(ref x); s1 = SplitMix(ref x); s2 = SplitMix(ref x); s3 = SplitMix(ref x);
    }

    /// <summary>A seed for an independent stream (a school, a pupil, a year), so parallel work never shares state.</summary>
    public static ulong Derive(long seed, long a, long b = 0, long c = 0)
    {
        var x = (ulong)seed * 0x9E3779B97F4A7C15UL;
        x = SplitMixStep(x ^ (ulong)a);
        x = SplitMixStep(x ^ (ulong)b * 0xD1B54A32D192ED03UL);
        return SplitMixStep(x ^ (ulong)c * 0xABC98388FB8FAC03UL);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public bool Chance(double p) => NextDouble() < p;

    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Log-normal with mean 1: multiplicative spread without shifting the average it scales.</summary>
    public double NextLogNormalMeanOne(double sigma) => Math.Exp(sigma * NextGaussian() - sigma * sigma / 2);

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return SplitMixStep(x);
    }

    private static ulong SplitMixStep(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

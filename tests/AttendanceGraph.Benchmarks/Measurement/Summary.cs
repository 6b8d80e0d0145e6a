namespace AttendanceGraph.Benchmarks.Measurement;

/// <summary>Order statistics of repeated measurements (nearest-rank percentiles).</summary>
public sealed record Summary(int Count, double Median, double Min, double Max, double P50, double P95, double P99)
{
    public static Summary Of(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        if (v.Length == 0) return new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        var median = v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
        return new Summary(v.Length, median, v[0], v[^1], Percentile(v, 50), Percentile(v, 95), Percentile(v, 99));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    public object ToJson() => new { count = Count, median = Median, min = Min, max = Max, p50 = P50, p95 = P95, p99 = P99 };
}

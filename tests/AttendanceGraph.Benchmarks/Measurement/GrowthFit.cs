namespace AttendanceGraph.Benchmarks.Measurement;

/// <summary>
/// How a cost grows with the data: the least-squares slope of log(cost) against log(size). 1 is linear growth (twice the
/// marks, twice the cost), 0 flat, 2 quadratic. Null when fewer than two sizes have a positive figure.
/// </summary>
public static class GrowthFit
{
    public static double? Slope(IEnumerable<(double Size, double Cost)> points)
    {
        var p = points.Where(x => x.Size > 0 && x.Cost > 0 && double.IsFinite(x.Cost))
            .Select(x => (X: Math.Log(x.Size), Y: Math.Log(x.Cost))).ToList();
        if (p.Select(x => x.X).Distinct().Count() < 2) return null;
        var mx = p.Average(x => x.X);
        var my = p.Average(x => x.Y);
        return p.Sum(x => (x.X - mx) * (x.Y - my)) / p.Sum(x => (x.X - mx) * (x.X - mx));
    }

    /// <summary>The cost the fit gives at <paramref name="size"/> (cost = a · size^slope through the points' means).</summary>
    public static double? Predict(IEnumerable<(double Size, double Cost)> points, double size)
    {
        var list = points.Where(x => x.Size > 0 && x.Cost > 0 && double.IsFinite(x.Cost)).ToList();
        if (Slope(list) is not { } b) return null;
        var mx = list.Average(x => Math.Log(x.Size));
        var my = list.Average(x => Math.Log(x.Cost));
        return Math.Exp(my + b * (Math.Log(size) - mx));
    }
}

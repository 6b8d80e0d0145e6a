using AttendanceGraph.Benchmarks.Measurement;

namespace AttendanceGraph.Benchmarks.Soak;

/// <summary>Everything one soak measured, and its targets judged from those measurements alone.</summary>
public sealed record SoakOutcome(
    int Clients, TimeSpan Duration, IReadOnlyList<SoakRequest> Requests, IReadOnlyList<SoakLoad> Loads, Canary Canary,
    IReadOnlyList<ProcessSample> Samples, int DistinctRequests)
{
    public const double P95TargetMs = 1000;
    public const double MemoryBand = 0.20;
    /// <summary>Memory is judged after the first minute: JIT, DuckDB's buffers and the thread pool grow into it.</summary>
    public static readonly TimeSpan MemoryFrom = TimeSpan.FromMinutes(1);

    public int Errors => Requests.Count(r => !r.Ok);
    public Summary LatencyMs => Summary.Of(Requests.Select(r => r.Ms));

    /// <summary>
    /// True when every load succeeded, the canary answered every poll, and it changed exactly once per load, each
    /// time to a larger figure (a loaded day only adds possible sessions), so it never went back.
    /// </summary>
    public bool CanaryHeld
    {
        get
        {
            var values = Canary.Values;
            var increasing = values.Zip(values.Skip(1)).All(p => p.Second.Value > p.First.Value);
            return Loads.All(l => l.Ok) && Canary.Errors == 0 && values.Count - 1 == Loads.Count && increasing;
        }
    }

    /// <summary>RSS samples taken after the first minute while the clients ran; null when fewer than two were taken.</summary>
    public (long MinKiB, long MaxKiB)? MemoryAfterFirstMinute
    {
        get
        {
            var rss = Samples.Where(s => s.AtSeconds >= MemoryFrom.TotalSeconds && s.AtSeconds <= Duration.TotalSeconds && s.RssKiB is not null).Select(s => s.RssKiB!.Value).ToList();
            return rss.Count < 2 ? null : (rss.Min(), rss.Max());
        }
    }

    /// <summary>
    /// The API's CPU between the samples nearest <paramref name="from"/> and <paramref name="to"/> (seconds into the soak)
    /// per request started between them; null without two distinct samples or requests. Samples are every 30 s from the
    /// start, so a minute's figure is exact to the sampling, not interpolated.
    /// </summary>
    public double? CpuMsPerRequest(double from, double to, int requests)
    {
        var cpu = Samples.Where(p => p.CpuSeconds is not null).ToList();
        if (cpu.Count < 2 || requests == 0) return null;
        var first = cpu.MinBy(p => Math.Abs(p.AtSeconds - from))!;
        var last = cpu.MinBy(p => Math.Abs(p.AtSeconds - to))!;
        return last.AtSeconds > first.AtSeconds ? (last.CpuSeconds!.Value - first.CpuSeconds!.Value) * 1000 / requests : null;
    }

    public bool? MemoryFlat => MemoryAfterFirstMinute is { } m ? m.MaxKiB <= m.MinKiB * (1 + MemoryBand) : null;
}

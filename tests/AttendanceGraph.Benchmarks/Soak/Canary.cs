using System.Diagnostics;
using System.Text.Json;
using AttendanceGraph.Benchmarks.Api;
using AttendanceGraph.Benchmarks.Data;

namespace AttendanceGraph.Benchmarks.Soak;

/// <summary>
/// Polls one figure that every incremental load must change — the LA's possible sessions over the whole benchmark
/// year (each loaded day adds sessions) — on its own client, twice a second. Publication is right when the figure
/// changes exactly once per load and never returns to an earlier value.
/// </summary>
public sealed class Canary : IDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(500);
    private readonly LoadDriver driver;
    private readonly Stopwatch clock;
    private readonly List<(double AtSeconds, long Value)> changes = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int polls;
    private int errors;
    private string? firstError;

    private readonly Action? changed;

    /// <param name="changed">Called when the figure changes after its first value: the API serves a newer snapshot.</param>
    public Canary(LoadDriver driver, Stopwatch clock, Action? changed = null)
    {
        this.driver = driver;
        this.clock = clock;
        this.changed = changed;
        Poll();
        loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(Every);
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token)) Poll();
            }
            catch (OperationCanceledException) { }
        });
    }

    public static DashboardQuery Query { get; } = new("canary", """
        query($p: PeriodInput) { localAuthority { measures(period: $p) { possibleSessions } } }
        """, new { p = new { academicYear = BenchmarkCalendar.YearLabel } });

    public long? Current
    {
        get { lock (changes) return changes.Count == 0 ? null : changes[^1].Value; }
    }

    /// <summary>The first value and every different one after it, with when it was first seen.</summary>
    public IReadOnlyList<(double AtSeconds, long Value)> Values
    {
        get { lock (changes) return changes.ToList(); }
    }

    public int Polls => Volatile.Read(ref polls);
    public int Errors => Volatile.Read(ref errors);
    public string? FirstError => firstError;

    /// <summary>Waits until the figure has changed <paramref name="count"/> times or the timeout passes (the API sees a publish within a quarter of a second).</summary>
    public void WaitForChanges(int count, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout && Values.Count - 1 < count) Thread.Sleep(50);
    }

    private void Poll()
    {
        var (ok, _, error, body) = driver.ExchangeAsync(Query).GetAwaiter().GetResult();
        Interlocked.Increment(ref polls);
        if (!ok || body is null)
        {
            if (Interlocked.Increment(ref errors) == 1) firstError = error;
            return;
        }
        using var doc = JsonDocument.Parse(body);
        var value = doc.RootElement.GetProperty("data").GetProperty("localAuthority").GetProperty("measures").GetProperty("possibleSessions").GetInt64();
        bool newer;
        lock (changes)
        {
            newer = changes.Count > 0 && changes[^1].Value != value;
            if (changes.Count == 0 || newer) changes.Add((clock.Elapsed.TotalSeconds, value));
        }
        if (newer) changed?.Invoke();
    }

    public void Dispose()
    {
        stop.Cancel();
        loop.Wait();
        Poll();
        stop.Dispose();
    }
}

using System.Diagnostics;
using AttendanceGraph.Benchmarks.Api;

namespace AttendanceGraph.Benchmarks.Soak;

/// <summary>One request of the soak: when it started (seconds into the soak), what it asked, how long it took.</summary>
public sealed record SoakRequest(double AtSeconds, string Query, string PeriodKind, double Ms, bool Ok, string? Error);

/// <summary>
/// N clients, each sending the mix's next request as soon as its previous one has answered (closed loop, no think
/// time), until the soak's time is up. A request still in flight at the end is waited for and counted.
/// </summary>
public static class SoakClients
{
    public static IReadOnlyList<SoakRequest> Run(LoadDriver driver, SoakQueryMix mix, int clients, Stopwatch soakClock, TimeSpan duration)
    {
        var requests = new List<SoakRequest>();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (soakClock.Elapsed < duration)
            {
                var (query, kind) = mix.Next();
                var at = soakClock.Elapsed.TotalSeconds;
                var (ok, ms, error) = await driver.SendAsync(query);
                lock (requests) requests.Add(new SoakRequest(at, query.Name, kind, ms, ok, error));
            }
        })).ToArray();
        Task.WaitAll(workers);
        return requests.OrderBy(r => r.AtSeconds).ToList();
    }
}

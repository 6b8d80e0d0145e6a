using System.Diagnostics;
using System.Net;
using System.Text;
using AttendanceGraph.Benchmarks.Measurement;

namespace AttendanceGraph.Benchmarks.Api;

/// <summary>
/// Posts a query a fixed number of times from N concurrent clients over one pooled HttpClient (keep-alive, loopback),
/// timing each request to the end of its body. A request is an error when the status is not 200 or the body has
/// "errors". Stops early (and says so in the request count) when the level's time budget runs out.
/// </summary>
public sealed class LoadDriver : IDisposable
{
    private readonly Uri endpoint;
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public LoadDriver(ApiServer server)
    {
        endpoint = server.Endpoint;
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Token);
    }

    public async Task<(bool Ok, double Ms, string? Error)> SendAsync(DashboardQuery query)
    {
        var (ok, ms, error, _) = await ExchangeAsync(query);
        return (ok, ms, error);
    }

    /// <summary>As <see cref="SendAsync"/>, also returning the body of a successful response.</summary>
    public async Task<(bool Ok, double Ms, string? Error, string? Body)> ExchangeAsync(DashboardQuery query)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var content = new StringContent(query.Body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(endpoint, content);
            var body = await response.Content.ReadAsStringAsync();
            var ms = clock.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK) return (false, ms, $"HTTP {(int)response.StatusCode}: {Trim(body)}", null);
            if (body.Contains("\"errors\"", StringComparison.Ordinal)) return (false, ms, Trim(body), null);
            return (true, ms, null, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (false, clock.Elapsed.TotalMilliseconds, e.Message, null);
        }
    }

    public LatencyRun Run(DashboardQuery query, int clients, int requests, TimeSpan budget) =>
        Run(query.Name, () => query, clients, requests, budget);

    /// <summary>As above, each request the next of <paramref name="next"/> (thread-safe): e.g. a new period each time.</summary>
    public LatencyRun Run(string name, Func<DashboardQuery> next, int clients, int requests, TimeSpan budget)
    {
        var latencies = new List<double>(requests);
        var errors = 0;
        string? firstError = null;
        var issued = 0;
        var deadline = Stopwatch.StartNew();
        var wall = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref issued) <= requests && deadline.Elapsed < budget)
            {
                var (ok, ms, error) = await SendAsync(next());
                lock (latencies)
                {
                    latencies.Add(ms);
                    if (!ok) { errors++; firstError ??= error; }
                }
            }
        })).ToArray();
        Task.WaitAll(workers);
        wall.Stop();
        return new LatencyRun(name, clients, latencies.Count, errors, wall.Elapsed.TotalSeconds, Summary.Of(latencies), firstError);
    }

    /// <summary>Sends each query a few times, discarding the figures: JIT, DuckDB caches and connection pools warm up.</summary>
    public void WarmUp(IEnumerable<DashboardQuery> queries, int times)
    {
        foreach (var q in queries)
            for (var i = 0; i < times; i++)
            {
                var (ok, _, error) = SendAsync(q).GetAwaiter().GetResult();
                if (!ok) throw new InvalidOperationException($"{q.Name} failed during warm-up: {error}");
            }
    }

    private static string Trim(string s) => s.Length <= 500 ? s : s[..500] + "…";

    public void Dispose() => http.Dispose();
}

using System.Diagnostics;
using System.Text;

namespace AttendanceGraph.Benchmarks.Abuse;

/// <summary>
/// One client posting a cheap query back to back (the LA's enrolments, a result-cache hit after the first) until
/// stopped: the latency an ordinary user sees while the hostile requests run.
/// </summary>
public sealed class CheapQueryLoop
{
    public const string Body = "{\"query\":\"{ localAuthority { measures { enrolments } } }\"}";

    private readonly List<double> latencies = [];
    private int errors;

    public int Errors => errors;

    public List<double> TakeLatencies()
    {
        lock (latencies)
        {
            var taken = latencies.ToList();
            latencies.Clear();
            return taken;
        }
    }

    public Task RunAsync(HttpClient http, Uri endpoint, CancellationToken stop) => Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                using var content = new StringContent(Body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(endpoint, content, stop);
                var body = await response.Content.ReadAsStringAsync(stop);
                if (!response.IsSuccessStatusCode || body.Contains("\"errors\"", StringComparison.Ordinal)) Interlocked.Increment(ref errors);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
            lock (latencies) latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
    });
}

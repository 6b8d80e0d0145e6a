using AttendanceGraph.Benchmarks.Measurement;

namespace AttendanceGraph.Benchmarks.Api;

/// <summary>The outcome of one query at one concurrency level.</summary>
public sealed record LatencyRun(string Query, int Clients, int Requests, int Errors, double Seconds, Summary LatencyMs, string? FirstError)
{
    public double RequestsPerSecond => Requests / Seconds;

    public object ToJson() => new
    {
        query = Query, clients = Clients, requests = Requests, errors = Errors, seconds = Seconds,
        requestsPerSecond = RequestsPerSecond, latencyMs = LatencyMs.ToJson(), firstError = FirstError,
    };
}

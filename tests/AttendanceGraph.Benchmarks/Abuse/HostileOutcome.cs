using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace AttendanceGraph.Benchmarks.Abuse;

/// <summary>How the API answered one hostile request: status, first error code, and the time to the end of the body.</summary>
public sealed record HostileOutcome(int Status, string? Code, double Ms)
{
    /// <summary>Refused: a 4xx status, or (application/json answers validation errors with 200) an errors-only body.</summary>
    public bool Refused { get; init; }

    public static async Task<HostileOutcome> SendAsync(HttpClient http, Uri endpoint, HostileRequest request)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var content = new StringContent(request.Body, Encoding.UTF8, "application/json");
            using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
            message.Headers.Accept.ParseAdd("application/graphql-response+json");
            using var response = await http.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            var ms = clock.Elapsed.TotalMilliseconds;
            var (code, hasData) = Read(body);
            var status = (int)response.StatusCode;
            return new HostileOutcome(status, code, ms) { Refused = status is >= 400 and < 500 || (code is not null && !hasData) };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new HostileOutcome(0, e.GetType().Name, clock.Elapsed.TotalMilliseconds);
        }
    }

    private static (string? Code, bool HasData) Read(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var hasData = root.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null;
            var code = root.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0
                && errors[0].TryGetProperty("extensions", out var ext) && ext.TryGetProperty("code", out var c) ? c.GetString() : null;
            return (code, hasData);
        }
        catch (JsonException)
        {
            return ("not JSON", false);
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Api.Telemetry;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AttendanceGraph.Tests.Operations;

/// <summary>
/// Traces as an LA's collector would receive them (the in-memory exporter in place of OTLP, same configuration): the
/// request's server span names its GraphQL operation, and the API's spans show each measure (cache hit or miss) and
/// warehouse query under it. Nothing a request carries in its query string — variables with a UPN, an API key —
/// reaches any span.
/// </summary>
public sealed class TracingTests : IDisposable
{
    private readonly HandCheckedWarehouse warehouse = new();
    private readonly ApiFactory api;
    private readonly ExportedSpans spans = new();

    public TracingTests() => api = new ApiFactory(warehouse.Paths.Root);

    [Fact]
    public async Task ARequestsSpans_NameTheOperation_AndShowItsMeasuresAndQueries_WithoutItsQueryString()
    {
        using var traced = Traced();
        using var client = LaLead(traced);
        var query = Uri.EscapeDataString("query PupilAndLa($upn: String!) { pupil(upn: $upn) { upn } localAuthority { measures { enrolments } } }");
        var variables = Uri.EscapeDataString($$"""{"upn":"{{HandCheckedAuthority.P1}}"}""");
        const string key = "agk_not-a-real-key-but-secret-looking";
        for (var i = 0; i < 2; i++) // the second answer comes from the result cache
            (await client.GetAsync($"/graphql?query={query}&variables={variables}")).Dispose();
        using var withKey = traced.CreateClient(); // a BI tool's key in the query string (unknown here: refused)
        (await withKey.GetAsync($"/graphql?query={query}&variables={variables}&{ApiKeyAuthenticationHandler.QueryParameter}={key}")).Dispose();
        traced.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var servers = await ServerSpans("PupilAndLa", 2);
        // Other tests' hosts run in this process and the instrumentation listens process-wide: look at this test's traces.
        var ours = servers.Where(s => (string?)s.GetTagItem("graphql.operation.name") == "PupilAndLa").Select(s => s.TraceId).ToHashSet();
        Assert.Equal(2, servers.Count(s => ours.Contains(s.TraceId) && s.GetTagItem("http.response.status_code") is 200));
        var inOurs = spans.Snapshot().Where(s => ours.Contains(s.TraceId)).ToList();
        var measures = inOurs.Where(s => s.Source.Name == AttendanceGraphTracing.SourceName && s.OperationName == "measure").ToList();
        Assert.Contains(measures, m => (string?)m.GetTagItem("attendancegraph.measure.cache") == "miss");
        Assert.Contains(measures, m => (string?)m.GetTagItem("attendancegraph.measure.cache") == "hit");
        Assert.Contains(inOurs, s => s.OperationName == "warehouse query" && s.GetTagItem("attendancegraph.snapshot") is string);

        AssertNoSpanHolds(HandCheckedAuthority.P1, key, "variables");
        Assert.DoesNotContain(Values(), v => v.StartsWith("url.query=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnOperationNamedLikeAUpn_IsTracedAsOther()
    {
        using var traced = Traced();
        using var client = LaLead(traced);
        (await client.GetAsync($"/graphql?query={Uri.EscapeDataString($"query {HandCheckedAuthority.P1} {{ localAuthority {{ name }} }}")}")).Dispose();
        traced.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Assert.Contains(await ServerSpans("other", 1), s => (string?)s.GetTagItem("graphql.operation.name") == "other");
        AssertNoSpanHolds(HandCheckedAuthority.P1);
    }

    [Fact]
    public async Task AnExportOfManyPages_MeasuresItsTableOnce_NotOncePerPage()
    {
        using var traced = Traced();
        using var client = LaLead(traced);
        // One school a page: the export executes the document once per page and follows endCursor to the last.
        var query = Uri.EscapeDataString("""
            query OneSchoolAPage($after: String) {
              measureTable(groupBy: SCHOOL, period: { academicYear: "2025/26" }, first: 1, after: $after) {
                pageInfo { hasNextPage endCursor } nodes { urn enrolments }
              }
            }
            """);

        using var response = await client.GetAsync($"/graphql?format=csv&query={query}");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        traced.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1 + 3, lines.Length); // the header and the three schools, from three pages
        var export = (await ServerSpans("OneSchoolAPage", 1)).Single(s => (string?)s.GetTagItem("graphql.operation.name") == "OneSchoolAPage").TraceId;
        var measures = spans.Snapshot().Where(s => s.TraceId == export && s.Source.Name == AttendanceGraphTracing.SourceName
            && s.OperationName == "measure").ToList();
        Assert.Single(measures);
    }

    [Fact]
    public void ByDefault_NothingIsTraced()
    {
        Assert.Null(api.Services.GetService<TracerProvider>());
    }

    /// <summary>The API with tracing configured as in production, exporting to <see cref="spans"/> instead of OTLP.</summary>
    private WebApplicationFactory<Program> Traced() => api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        s.AddOpenTelemetry().WithTracing(t => TelemetrySetup.ConfigureTracing(t).AddInMemoryExporter(spans))));

    private static HttpClient LaLead(WebApplicationFactory<Program> traced)
    {
        var client = traced.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.LaLeadToken);
        return client;
    }

    private List<string> Values() => spans.Snapshot().SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")
        .Concat(s.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}").Append(e.Name)))
        .Append(s.DisplayName).Append(s.StatusDescription ?? "")).ToList();

    private void AssertNoSpanHolds(params string[] secrets)
    {
        var values = Values();
        foreach (var secret in secrets) Assert.DoesNotContain(values, v => v.Contains(secret, StringComparison.Ordinal));
    }

    /// <summary>The server span ends as the response completes, which can be just after the client has read it.</summary>
    /// <summary>
    /// Every server span so far, once <paramref name="expected"/> of them are this test's requests (named
    /// <paramref name="operation"/>): other tests' hosts run in this process and the instrumentation listens process-wide,
    /// so a count of all server spans could be reached by theirs before this test's arrived.
    /// </summary>
    private async Task<List<Activity>> ServerSpans(string operation, int expected)
    {
        bool Ours(Activity s) => s.Kind == ActivityKind.Server && (string?)s.GetTagItem("graphql.operation.name") == operation;
        for (var i = 0; i < 50; i++)
        {
            var servers = spans.Snapshot().Where(s => s.Kind == ActivityKind.Server).ToList();
            if (servers.Count(Ours) >= expected) return servers;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"expected {expected} server spans of {operation}, got {spans.Snapshot().Count(Ours)}");
    }

    public void Dispose()
    {
        api.Dispose();
        warehouse.Dispose();
    }
}

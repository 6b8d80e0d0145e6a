using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Operations;

/// <summary>/metrics in Prometheus format (requests by operation, rejections by reason, snapshot age, the last ETL run),
/// and the log of a session of pupil-level reads holding no UPN.</summary>
public sealed class MetricsTests : IDisposable
{
    private readonly HandCheckedWarehouse warehouse = new();
    private readonly CapturedLogs logs = new();
    private readonly ApiFactory api;

    public MetricsTests() => api = new ApiFactory(warehouse.Paths.Root, logs);

    [Fact]
    public async Task Metrics_CountRequestsByOperation_AndRejectionsByReason_WithSnapshotAge()
    {
        using var client = api.CreateClient(ApiFactory.Token(Roles.BiReader));
        var cohortGaps = (await client.GetFromJsonAsync<JsonObject>("/graphql/documents"))!["documents"]!.AsArray()
            .Single(d => (string?)d!["name"] == "bi/cohort-gaps")!["id"]!.ToString();
        (await client.GetAsync("/graphql?documentId=" + cohortGaps)).Dispose();
        (await client.PostAsJsonAsync("/graphql?format=csv", new { query = "{ localAuthority { name } }" })).Dispose();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, "agk_unknown");
        (await client.GetAsync("/graphql?query={cohorts{cohort}}")).Dispose();

        using (var db = OperationalDb.Open(warehouse.Paths.OperationalStore))
        {
            // The fixture loads through BatchLoader, not the CLI, so its run log is empty: a run as the CLI records one.
            db.EtlRuns.Add(new EtlRun { Verb = "load", StartedAt = DateTime.UtcNow.AddSeconds(-42), FinishedAt = DateTime.UtcNow, Status = "loaded", RowsRead = 1234 });
            db.SaveChanges();
        }
        using var anonymous = api.CreateClient("");
        using var response = await anonymous.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("attendancegraph_graphql_requests_total{", text);
        Assert.Contains("operation=\"bi/cohort-gaps\"", text);
        Assert.Contains("attendancegraph_graphql_request_duration_seconds_bucket{", text);
        Assert.Contains("reason=\"NOT_FLAT\"", text);
        Assert.Contains("reason=\"api_key_unknown\"", text);
        Assert.Contains("attendancegraph_snapshot_age_seconds", text);
        Assert.Contains("attendancegraph_etl_last_run_rows_read{", text);
        Assert.Contains("status=\"loaded\",verb=\"load\"} 1234", text);
    }

    [Fact]
    public async Task PupilLevelReads_LeaveNoUpnInTheLog()
    {
        using var client = api.CreateClient(ApiFactory.Token(Roles.LaLead));
        var body = await api.Data($"{{ tsmPack(urn: {HandCheckedAuthority.Alpha}, period: {{ academicYear: \"2025/26\" }}) {{ pupils {{ nodes {{ upn }} }} }} }}");
        (await client.GetAsync($"/graphql?format=csv&query={Uri.EscapeDataString($"{{ pupil(upn: \"{HandCheckedAuthority.P1}\") {{ upn }} }}")}")).Dispose();
        Assert.NotEmpty(body["tsmPack"]!["pupils"]!["nodes"]!.AsArray());

        var upns = new[] { HandCheckedAuthority.P1, HandCheckedAuthority.P2, HandCheckedAuthority.P3 };
        Assert.DoesNotContain(logs.Entries, e => upns.Any(u => e.Message.Contains(u, StringComparison.Ordinal)));
    }

    public void Dispose()
    {
        api.Dispose();
        warehouse.Dispose();
    }
}

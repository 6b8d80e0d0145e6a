using System.Net;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// A running API whose CURRENT turns damaged keeps answering every request from the last good snapshot, logs the
/// damage once, reports it as Degraded on /health/ready, and is Healthy again once the ETL's recover has run.
/// </summary>
public sealed class DamagedPointerTests
{
    private const string Question = "{ localAuthority { measures(period: { academicYear: \"2025/26\", term: AUTUMN, halfTerm: 1 }) { unauthorisedAbsenceSessions } } }";
    private const int Requests = 240;

    public static TheoryData<string, string> Damages => new()
    {
        { "empty CURRENT", "CURRENT is empty" },
        { "garbage CURRENT", "CURRENT does not name a snapshot" },
        { "dangling CURRENT", "CURRENT names warehouse-000007.duckdb, but warehouse-000007.duckdb does not exist" },
        { "truncated new snapshot", "CURRENT names warehouse-000002.duckdb, but DuckDB cannot open warehouse-000002.duckdb" },
        { "CURRENT removed", "CURRENT has disappeared" },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task ADamagedPointer_FailsNoRequest_IsLoggedOnce_AndHealthSaysDegradedUntilRecovered(string damage, string problem)
    {
        using var dir = new TempDirectory();
        var paths = new WarehousePaths(dir.Sub("warehouse"));
        new BatchLoader(paths).Load([HandCheckedAuthority.Write(dir.Sub("input"))], new LoadOptions(LaCode: 319));
        var logs = new CapturedLogs();
        using var api = new ApiFactory(paths.Root, logs);
        Assert.Equal(13, await Unauthorised(api));
        Assert.Equal(("Healthy", HttpStatusCode.OK), await Ready(api));

        Damage(paths, damage);
        // Many requests over more than a second: the pointer is re-read every quarter second, so each one of those
        // checks meets the damage while requests are in flight.
        var failures = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var wave = 0; wave < Requests / 24; wave++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => api.Query(Question)));
            failures += answers.Count(a => a["errors"] is not null || (long?)a["data"]?["localAuthority"]?["measures"]?["unauthorisedAbsenceSessions"] != 13);
            if (clock.Elapsed < TimeSpan.FromMilliseconds(120 * (wave + 1))) await Task.Delay(120);
        }

        Assert.Equal(0, failures);
        var (status, description) = await ReadyDetail(api);
        Assert.Equal("Degraded", status);
        Assert.Contains("serving warehouse-000001.duckdb, the last good snapshot", description);
        Assert.Contains(problem, description);
        var logged = logs.Entries.Where(e => e.Category == typeof(WarehouseReader).FullName && e.Level >= LogLevel.Warning).ToList();
        var once = Assert.Single(logged);
        Assert.Contains(problem, once.Message);

        var recover = EtlWarehouse.Cli("recover", "--from", "warehouse-000001.duckdb", "--warehouse", paths.Root);
        Assert.True(recover.ExitCode == 0, recover.Output + recover.Error);
        Assert.Equal(("Healthy", HttpStatusCode.OK), await Ready(api));
        Assert.Equal(13, await Unauthorised(api));
    }

    [Fact]
    public async Task Liveness_AnswersWithoutAToken_AndReadinessRevealsOnlyFileNames()
    {
        using var dir = new TempDirectory();
        var paths = new WarehousePaths(dir.Sub("warehouse"));
        new BatchLoader(paths).Load([HandCheckedAuthority.Write(dir.Sub("input"))], new LoadOptions(LaCode: 319));
        using var api = new ApiFactory(paths.Root);
        using var anonymous = api.CreateClient("");

        using var live = await anonymous.GetAsync("/health/live");
        var ready = JsonNode.Parse(await anonymous.GetStringAsync("/health/ready"))!;

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", (string?)ready["checks"]!["warehouse"]!["status"]);
        Assert.Equal("serving warehouse-000001.duckdb, the snapshot CURRENT names", (string?)ready["checks"]!["warehouse"]!["description"]);
        Assert.Equal("Healthy", (string?)ready["checks"]!["operationalStore"]!["status"]);
        Assert.DoesNotContain(HandCheckedAuthority.P1, ready.ToJsonString());
    }

    private static void Damage(WarehousePaths paths, string damage)
    {
        switch (damage)
        {
            case "truncated new snapshot":
                // A publish whose snapshot was cut short (copied by hand onto a full disk) and then pointed at.
                File.Copy(paths.SnapshotPath("warehouse-000001.duckdb"), paths.SnapshotPath("warehouse-000002.duckdb"));
                WarehouseDamage.Truncate(paths.SnapshotPath("warehouse-000002.duckdb"));
                SnapshotPointer.Switch(paths, "warehouse-000002.duckdb");
                break;
            case "CURRENT removed":
                File.Delete(paths.CurrentPointer);
                break;
            default:
                WarehouseDamage.Apply(paths, damage);
                break;
        }
    }

    private static async Task<long> Unauthorised(ApiFactory api) =>
        (long)(await api.Data(Question))["localAuthority"]!["measures"]!["unauthorisedAbsenceSessions"]!;

    private static async Task<(string Status, HttpStatusCode Code)> Ready(ApiFactory api)
    {
        using var client = api.CreateClient("");
        using var response = await client.GetAsync("/health/ready");
        return ((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!, response.StatusCode);
    }

    private static async Task<(string Status, string Description)> ReadyDetail(ApiFactory api)
    {
        using var client = api.CreateClient("");
        var body = JsonNode.Parse(await client.GetStringAsync("/health/ready"))!;
        return ((string)body["status"]!, (string)body["checks"]!["warehouse"]!["description"]!);
    }
}

using AttendanceGraph.Api.Data;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>
/// Warm-on-publish (Dashboard:Warm): when a snapshot is published, the API computes the dashboard's opening pages into the
/// result cache before anyone asks, so the first visitor after a nightly load is served from it.
/// </summary>
public sealed class DashboardWarmTests
{
    private static readonly Dictionary<string, string?> Warm = new()
    {
        ["Dashboard:Warm:Enabled"] = "true",
        ["Dashboard:Warm:PollInterval"] = "00:00:00.100",
    };

    [Fact]
    public async Task EachPublishedSnapshot_IsWarmedWithNoRequestMade()
    {
        using var warehouse = new EtlWarehouse();
        warehouse.Load(warehouse.HandChecked);
        var logs = new CapturedLogs();
        using var api = new ApiFactory(warehouse.Paths.Root, logs, settings: Warm);
        var cache = api.Services.GetRequiredService<MeasureResultCache>();
        var warmer = api.Services.GetRequiredService<AttendanceGraph.Api.Dashboard.DashboardWarmer>();
        var first = warehouse.Current!;
        await Until(() => warmer.WarmedSnapshot == first, $"snapshot {first} warmed");
        Assert.True(cache.EntriesFor(first) > 0);
        Assert.Empty(warmer.LastErrorCodes);

        warehouse.Load(new LoadOptions(LaCode: 319, Force: true), warehouse.HandChecked);
        var second = warehouse.Current!;
        Assert.NotEqual(first, second);
        await Until(() => warmer.WarmedSnapshot == second, $"snapshot {second} warmed");
        // The warm is what a lead's first visit asks: that visit adds no measure to the cache.
        var warmed = cache.EntriesFor(second);
        Assert.True(warmed > 0);
        using var client = api.CreateClient("");
        client.DefaultRequestHeaders.Add("Cookie", $"{DashboardApp.DashboardSessionCookie}={ApiFactory.LaLeadToken}");
        using var page = await client.GetAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Weekly", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.True(warmed == cache.EntriesFor(second), string.Join("\n", logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Information && !e.Category.StartsWith("Microsoft")).Select(e => e.Category + ": " + e.Message)));
        // So are the Virtual School's measures and cohort breakdown (its pupils are read when someone asks, and audited then).
        using var virtualSchool = await client.GetAsync("/virtual-school");
        Assert.Equal(System.Net.HttpStatusCode.OK, virtualSchool.StatusCode);
        Assert.Contains("Cohort breakdown", await virtualSchool.Content.ReadAsStringAsync());
        Assert.Equal(warmed, cache.EntriesFor(second));
    }

    [Fact]
    public async Task WithWarmingOff_NothingIsComputedUntilSomeoneAsks()
    {
        using var warehouse = new EtlWarehouse();
        warehouse.Load(warehouse.HandChecked);
        using var api = new ApiFactory(warehouse.Paths.Root);
        var cache = api.Services.GetRequiredService<MeasureResultCache>();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, cache.EntriesFor(warehouse.Current!));
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) Assert.Fail($"not within 60 s: {what}");
            await Task.Delay(50);
        }
    }
}

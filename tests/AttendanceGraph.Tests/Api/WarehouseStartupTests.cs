using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Hosting;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Etl;
using AttendanceGraph.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// The API at start: a damaged warehouse stops it with the repair note (no stack trace, no demo data, no snapshot
/// touched) even in Development with demo generation on; outside Development an empty warehouse never gets demo data.
/// </summary>
public sealed class WarehouseStartupTests
{
    [Theory]
    [MemberData(nameof(WarehouseDamage.Theory), MemberType = typeof(WarehouseDamage))]
    public async Task ADamagedWarehouse_StopsTheApiWithTheRepairNote_AndNoSnapshotIsTouched(string damage)
    {
        using var w = DamagedWarehouseTests.TwoBatches();
        WarehouseDamage.Apply(w.Paths, damage);
        var before = WarehouseDamage.SnapshotHashes(w.Paths);
        var expect = WarehouseDamage.Expect(damage);

        var (exitCode, log) = RunApi(w.Paths.Root, TimeSpan.FromSeconds(90));

        Assert.True(exitCode == WarehouseStartup.DamagedExitCode, $"exit {exitCode}:\n{log}");
        Assert.Contains("The API will not start: the warehouse in " + w.Paths.Root + " is damaged", log);
        Assert.Contains(expect.Problem, log);
        Assert.Contains($"recover --from {expect.RecoverFrom} --warehouse {w.Paths.Root}", log);
        Assert.DoesNotContain("   at ", log); // no stack trace
        Assert.DoesNotContain("Unhandled exception", log);
        Assert.Equal(before, WarehouseDamage.SnapshotHashes(w.Paths));
        Assert.False(Directory.Exists(Path.Combine(w.Paths.Root, "demo-input")));

        // The operator's repair puts the API back in service.
        Assert.Equal(0, EtlWarehouse.Cli("recover", "--latest-intact", "--warehouse", w.Paths.Root).ExitCode);
        using var api = new ApiFactory(w.Paths.Root);
        using var client = api.CreateClient("");
        var ready = JsonNode.Parse(await client.GetStringAsync("/health/ready"))!;
        Assert.Equal("Healthy", (string?)ready["status"]);
        Assert.Contains(expect.RecoverFrom, (string?)ready["checks"]!["warehouse"]!["description"]);
    }

    [Fact]
    public async Task OutsideDevelopment_AnEmptyWarehouseGetsNoDemoData_EvenWhenConfigured_AndIsNotReady()
    {
        using var dir = new TempDirectory();
        var paths = new WarehousePaths(dir.Sub("warehouse"));
        using var api = new ProductionApi(paths.Root);
        using var client = api.CreateClient();

        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("is empty: load a batch with the ETL", await ready.Content.ReadAsStringAsync());
        Assert.Equal(WarehouseCondition.Empty, WarehouseState.Inspect(paths).Condition);
        Assert.False(Directory.Exists(Path.Combine(paths.Root, "demo-input")));
    }

    private sealed class ProductionApi(string warehouse) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Warehouse:Path", warehouse);
            builder.UseSetting("Warehouse:GenerateDemoWhenEmpty", "true");
            builder.UseSetting("Authentication:Jwt:Issuer", ApiFactory.Settings.Issuer);
            builder.UseSetting("Authentication:Jwt:Audience", ApiFactory.Settings.Audience);
            builder.UseSetting("Authentication:Jwt:SigningKey", ApiFactory.Settings.SigningKey);
        }
    }

    /// <summary>
    /// The built API as its own process, in Development with demo generation on (the setting that once overwrote a
    /// warehouse): what an operator's `dotnet run --project api` would print and return.
    /// </summary>
    private static (int ExitCode, string Log) RunApi(string warehouse, TimeSpan timeout)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "AttendanceGraph.Api.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in new[] { $"--Warehouse:Path={warehouse}", "--Warehouse:GenerateDemoWhenEmpty=true", "--Urls=http://127.0.0.1:0",
                     $"--Authentication:Jwt:Issuer={ApiFactory.Settings.Issuer}", $"--Authentication:Jwt:Audience={ApiFactory.Settings.Audience}",
                     $"--Authentication:Jwt:SigningKey={ApiFactory.Settings.SigningKey}", "--Authentication:Jwt:PrintDevTokens=false" })
            start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment.Remove(WarehousePaths.EnvironmentVariable);
        using var p = Process.Start(start) ?? throw new InvalidOperationException("could not start the API");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"the API did not exit within {timeout.TotalSeconds:N0} s on a damaged warehouse:\n{stdout.Result}{stderr.Result}");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}

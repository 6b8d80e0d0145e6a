using System.Diagnostics;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Hosting;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Security;

/// <summary>An environment named by the operator wins over the launch profile's Development default.</summary>
public sealed class LaunchEnvironmentTests
{
    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("ASPNETCORE_ENVIRONMENT")]
    [InlineData("DOTNET_ENVIRONMENT")]
    public void AnExplicitEnvironmentVariable_LeavesTheChoiceToTheHost(string variable)
    {
        var chosen = LaunchEnvironment.Choose([], Variables((variable, "Production"), (LaunchEnvironment.DefaultVariable, "Development")));
        Assert.Null(chosen);
    }

    [Fact]
    public void AnEnvironmentOnTheCommandLine_LeavesTheChoiceToTheHost()
    {
        Assert.Null(LaunchEnvironment.Choose(["--environment", "Staging"], Variables((LaunchEnvironment.DefaultVariable, "Development"))));
    }

    [Fact]
    public void WithNothingExplicit_TheLaunchProfilesDefaultApplies()
    {
        Assert.Equal("Development", LaunchEnvironment.Choose([], Variables((LaunchEnvironment.DefaultVariable, "Development"))));
        Assert.Null(LaunchEnvironment.Choose([], Variables()));
    }

    [Fact]
    public void TheLaunchProfile_SetsOnlyTheDefault()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "api", "Properties", "launchSettings.json")))!;
        foreach (var (_, profile) in settings["profiles"]!.AsObject())
        {
            var variables = profile!["environmentVariables"]!.AsObject();
            Assert.False(variables.ContainsKey("ASPNETCORE_ENVIRONMENT"));
            Assert.False(variables.ContainsKey("DOTNET_ENVIRONMENT"));
            Assert.Equal("Development", (string?)variables[LaunchEnvironment.DefaultVariable]);
        }
    }

    /// <summary>The command an operator types: it must start in Production (which refuses without JWT settings), not Development.</summary>
    [Fact]
    public async Task DotnetRunWithProductionEnvironment_StartsInProduction()
    {
        using var dir = new TempDirectory();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "run", "--no-build", "--project", Path.Combine(RepositoryRoot.Find(), "api") }) psi.ArgumentList.Add(a);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Warehouse__Path"] = dir.Sub("warehouse");
        psi.Environment["Warehouse__GenerateDemoWhenEmpty"] = "false";
        psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the API kept running in Production without authentication settings: " + await stdout);
        }
        var output = await stdout + await stderr;
        Assert.Equal(AttendanceGraph.Api.Security.AuthenticationNotConfiguredException.ExitCode, process.ExitCode);
        Assert.Contains("The API will not start: Authentication is not configured for the Production environment", output);
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.DoesNotContain("   at ", output); // no stack trace
        Assert.DoesNotContain("export TOKEN=", output);
    }
}

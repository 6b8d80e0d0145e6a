using AttendanceGraph.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AttendanceGraph.Tests.Security;

/// <summary>Outside Development the API refuses to start without JWT configuration (there is no fallback key).</summary>
public sealed class ProductionStartupTests
{
    private sealed class UnconfiguredProductionApi(string warehouse) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Warehouse:Path", warehouse);
            builder.UseSetting("Warehouse:GenerateDemoWhenEmpty", "false");
            builder.UseSetting("Authentication:Jwt:Issuer", "");
            builder.UseSetting("Authentication:Jwt:Audience", "");
            builder.UseSetting("Authentication:Jwt:SigningKey", "");
            builder.UseSetting("Authentication:Jwt:Authority", "");
        }
    }

    [Fact]
    public void ProductionWithoutJwtConfiguration_RefusesToStart()
    {
        using var dir = new TempDirectory();
        using var factory = new UnconfiguredProductionApi(dir.Sub("warehouse"));
        // Program reports the refusal and exits before building a host (its message and exit code are checked on a
        // real process by LaunchEnvironmentTests), so the test host never starts.
        var failure = Record.Exception(() => factory.CreateClient());
        Assert.NotNull(failure);
        Assert.DoesNotContain("Development", failure.Message);
    }
}

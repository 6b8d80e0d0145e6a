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
        var failure = Record.Exception(() => factory.CreateClient());
        Assert.NotNull(failure);
        var messages = string.Join(" | ", Chain(failure));
        Assert.Contains("Authentication is not configured for the Production environment", messages);
        Assert.Contains("Issuer", messages);
    }

    private static IEnumerable<string> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e.Message;
    }
}

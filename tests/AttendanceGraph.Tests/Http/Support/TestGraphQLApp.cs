using AttendanceGraph.Api.Http;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AttendanceGraph.Tests.Http.Support;

/// <summary>A minimal host wired exactly as the real API wires the transport, around the tiny test schema.</summary>
public static class TestGraphQLApp
{
    public const int MaxDepth = 4;
    public const int MaxComplexity = 60;
    // Generous so a cold schema on a busy 2-core runner never times out; TimeoutTests shorten it.
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <param name="kestrelLoopback">True for a real socket on 127.0.0.1 (browser tests), false for TestServer.</param>
    /// <param name="configure">Applied after the test defaults, to exercise the host-facing hooks.</param>
    public static WebApplication Build(bool kestrelLoopback = false, Action<GraphQLEndpointOptions>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Logging.ClearProviders();
        if (kestrelLoopback)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Services.AddSingleton<TestQuery>();
        builder.Services.AddSingleton<TestMutation>();
        builder.Services.AddSingleton<TestNodeType>();
        builder.Services.AddGraphQL(b => b.AddSchema<TestSchema>().AddSystemTextJson());
        builder.Services.AddGraphQLTransport(options =>
        {
            options.MaxDepth = MaxDepth;
            options.MaxComplexity = MaxComplexity;
            options.ListImpactMultiplier = 10;
            options.ExecutionTimeout = Timeout;
            options.UserContextFactory = http => new Dictionary<string, object?>
            {
                ["marker"] = http.Request.Headers["X-Test-Marker"].ToString(),
            };
            configure?.Invoke(options);
        });

        var app = builder.Build();
        app.MapGraphQLEndpoint("/graphql");
        return app;
    }
}

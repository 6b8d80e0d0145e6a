using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// The real API (Program) over a given warehouse folder, through the real HTTP pipeline in memory; with a
/// <paramref name="clock"/>, that is what the API takes as now (its "today" for default periods).
/// </summary>
/// <param name="logs">Also receives the API's log (tests that prove what is logged, and how often).</param>
/// <param name="settings">Extra configuration (e.g. the dashboard's OpenID provider), applied last.</param>
public sealed class ApiFactory(string warehouse, ILoggerProvider? logs = null, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (logs is not null) builder.ConfigureLogging(l => l.AddProvider(logs));
        if (clock is not null) builder.ConfigureTestServices(s => s.AddSingleton(clock));
        builder.UseSetting("Warehouse:Path", warehouse);
        builder.UseSetting("Warehouse:GenerateDemoWhenEmpty", "false");
        builder.UseSetting("Warehouse:MemoryLimit", "512MB");
        builder.UseEnvironment("Development");
        builder.UseSetting("Authentication:Jwt:Issuer", Settings.Issuer);
        builder.UseSetting("Authentication:Jwt:Audience", Settings.Audience);
        builder.UseSetting("Authentication:Jwt:SigningKey", Settings.SigningKey);
        builder.UseSetting("Authentication:Jwt:PrintDevTokens", "false");
        // Tests send hundreds of requests as one user within seconds; RateLimitTests turn it back on.
        builder.UseSetting("RateLimit:Enabled", "false");
        // Warming renders pages in the background: it would add queries to tests that count them. DashboardWarmTests turn it on.
        builder.UseSetting("Dashboard:Warm:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
    }

    /// <summary>The test issuer's settings (not the development key, so a test never depends on appsettings.Development.json).</summary>
    public static JwtSettings Settings { get; } = new()
    {
        Issuer = "attendancegraph-tests",
        Audience = "attendancegraph",
        SigningKey = "tests-only-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    };

    /// <summary>A token for <paramref name="role"/> signed with the test key (null role: a token with no role claim).</summary>
    public static string Token(string? role, int? urn = null, TimeSpan? lifetime = null, DateTime? now = null, string? signingKey = null) =>
        TokenIssuer.Create(Settings, $"test-{role ?? "none"}", role, urn, lifetime, now, signingKey);

    public static string LaLeadToken { get; } = Token(Roles.LaLead);

    /// <summary>A client sending <paramref name="token"/> (la-lead's unless given; pass "" for no Authorization header).</summary>
    public HttpClient CreateClient(string? token)
    {
        var client = CreateClient();
        token ??= LaLeadToken;
        if (token.Length > 0) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public long QueriesRun => Services.GetRequiredService<WarehouseReader>().QueriesRun;

    /// <summary>POSTs a query and returns the parsed response body (status asserted by the caller when it matters).</summary>
    public Task<JsonObject> Query(string query, object? variables = null) => QueryAs(LaLeadToken, query, variables);

    /// <summary>POSTs a query with <paramref name="token"/> and returns the parsed response body.</summary>
    public async Task<JsonObject> QueryAs(string token, string query, object? variables = null, IDictionary<string, string>? headers = null)
    {
        using var client = CreateClient(token);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) client.DefaultRequestHeaders.Add(name, value);
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body)!.AsObject();
    }

    public async Task<JsonNode> Data(string query, object? variables = null)
    {
        var result = await Query(query, variables);
        Assert.True(result["errors"] is null, $"GraphQL errors: {result["errors"]?.ToJsonString()}");
        return result["data"]!;
    }
}

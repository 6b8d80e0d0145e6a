using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Tests.Api;

/// <summary>The real API (Program) over a given warehouse folder, through the real HTTP pipeline in memory.</summary>
public sealed class ApiFactory(string warehouse) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Warehouse:Path", warehouse);
        builder.UseSetting("Warehouse:GenerateDemoWhenEmpty", "false");
        builder.UseSetting("Warehouse:MemoryLimit", "512MB");
        builder.UseEnvironment("Development");
    }

    public long QueriesRun => Services.GetRequiredService<WarehouseReader>().QueriesRun;

    /// <summary>POSTs a query and returns the parsed response body (status asserted by the caller when it matters).</summary>
    public async Task<JsonObject> Query(string query, object? variables = null)
    {
        using var client = CreateClient();
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

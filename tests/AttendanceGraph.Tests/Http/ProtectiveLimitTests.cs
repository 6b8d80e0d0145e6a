using System.Net;
using AttendanceGraph.Tests.Http.Support;
using static AttendanceGraph.Tests.Http.Support.GraphQLHttp;

namespace AttendanceGraph.Tests.Http;

public sealed class ProtectiveLimitTests(GraphQLServerFixture server) : IClassFixture<GraphQLServerFixture>
{
    private readonly HttpClient _client = server.Client;

    [Fact]
    public async Task Post_QueryWithinDepthLimit_Executes()
    {
        using var response = await _client.SendAsync(PostQuery("{ node { child { child { name } } } }"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_QueryDeeperThanLimit_Returns400WithDepthError()
    {
        using var response = await _client.SendAsync(PostQuery("{ node { child { child { child { child { name } } } } } }"));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("depth", body.FirstErrorMessage(), StringComparison.OrdinalIgnoreCase);
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Post_NestedListsOverComplexityLimit_Returns400WithComplexityError()
    {
        // Shallow enough for the depth limit, but each list multiplies its children by 10.
        using var response = await _client.SendAsync(PostQuery("{ nodes { children { name } } }"));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("complexity", body.FirstErrorMessage(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_SameFieldsWithoutLists_PassComplexityLimit()
    {
        using var response = await _client.SendAsync(PostQuery("{ node { child { name } } }"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_ComplexityError_WithApplicationJson_Returns200WithError()
    {
        using var response = await _client.SendAsync(PostQuery("{ nodes { children { name } } }", Json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("complexity", (await response.ReadJsonAsync()).FirstErrorMessage(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_FullIntrospectionQuery_FitsTheIntrospectionBudget()
    {
        using var response = await _client.SendAsync(PostQuery(IntrospectionQueries.Full));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Query", body.GetProperty("data").GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Post_IntrospectionDeeperThanIntrospectionCap_Returns400()
    {
        using var response = await _client.SendAsync(PostQuery(IntrospectionQueries.NestedOfType(40)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("depth", (await response.ReadJsonAsync()).FirstErrorMessage(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_IntrospectionMixedWithDataFields_GetsDataLimits()
    {
        using var response = await _client.SendAsync(PostQuery("{ __schema { types { name } } nodes { children { name } } }"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("complexity", (await response.ReadJsonAsync()).FirstErrorMessage(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Post_TwoAliasedSchemaListings_AreRefusedByTheIntrospectionBudget()
    {
        // Each listing costs the schema's size plus 1 for 'types' (GraphQL.NET's own price), so two pass 2 copies.
        using var response = await _client.SendAsync(PostQuery(HostileDocuments.Aliased(2, "__schema { types { name } }")));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("IntrospectionMaxSchemaListings", body.FirstErrorMessage());
    }

    [Fact]
    public async Task Post_OneSchemaListingWithATypeLookup_FitsTheIntrospectionBudget()
    {
        using var response = await _client.SendAsync(PostQuery("{ __schema { types { name } } __type(name: \"Query\") { name } }"));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_ListingTypesAgainThroughEachFieldsType_IsRefusedByTheIntrospectionBudget()
    {
        using var response = await _client.SendAsync(PostQuery("{ __schema { types { fields { type { fields { name } } } } } }"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("IntrospectionMaxSchemaListings", (await response.ReadJsonAsync()).FirstErrorMessage());
    }

    [Fact]
    public async Task Post_OneTypeLookup_Executes()
    {
        using var response = await _client.SendAsync(PostQuery("{ __type(name: \"Query\") { fields { name type { name } } } }"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_SchemaListingInADataQuery_CountsAgainstTheDataComplexity()
    {
        // The test schema is over 60 elements, the test host's data cap, so one listing alone passes the cap.
        using var response = await _client.SendAsync(PostQuery("{ hello __schema { types { name } } }"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("complex", (await response.ReadJsonAsync()).FirstErrorMessage(), StringComparison.OrdinalIgnoreCase);
    }
}

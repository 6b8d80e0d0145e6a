using System.Net;
using AttendanceGraph.Tests.Http.Support;
using static AttendanceGraph.Tests.Http.Support.GraphQLHttp;

namespace AttendanceGraph.Tests.Http;

public sealed class ContentNegotiationTests(GraphQLServerFixture server) : IClassFixture<GraphQLServerFixture>
{
    private readonly HttpClient _client = server.Client;

    [Fact]
    public async Task Post_AcceptGraphQLResponseJson_AnswersInThatMediaType()
    {
        using var response = await _client.SendAsync(PostQuery("{ hello }", GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GraphQLResponseJson, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("world", (await response.ReadJsonAsync()).GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Post_AcceptApplicationJson_AnswersInApplicationJson()
    {
        using var response = await _client.SendAsync(PostQuery("{ hello }", Json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Json, response.Content.Headers.ContentType!.MediaType);
    }

    // graphql-http audit SHOULD: "assume application/json content-type when accept is missing".
    [Fact]
    public async Task Post_NoAcceptHeader_DefaultsToApplicationJson()
    {
        using var response = await _client.SendAsync(PostQuery("{ hello }", accept: null));

        Assert.Equal(Json, response.Content.Headers.ContentType!.MediaType);
    }

    // graphql-http audit SHOULD: "accept */* and use application/json for the content-type"; a GET too (Power BI, curl).
    [Theory]
    [InlineData("*/*")]
    [InlineData("application/*")]
    public async Task Get_OnlyWildcards_AnswersApplicationJson(string accept)
    {
        using var response = await _client.SendAsync(GetQuery("{ hello }", accept));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Json, response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("application/json;q=0.9, application/graphql-response+json;q=0.5", Json)]
    [InlineData("application/json;q=0.5, application/graphql-response+json;q=0.9", GraphQLResponseJson)]
    [InlineData("application/graphql-response+json;q=0, application/json", Json)]
    [InlineData("*/*", Json)]
    [InlineData("*/*, application/graphql-response+json", GraphQLResponseJson)]
    [InlineData("application/*;q=0.8, application/graphql-response+json;q=0.1", Json)]
    [InlineData("application/json, application/graphql-response+json", GraphQLResponseJson)]
    public async Task Post_AcceptWithQValues_PicksHighestQualitySupportedType(string accept, string expected)
    {
        using var response = await _client.SendAsync(PostQuery("{ hello }", accept));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("application/xml, text/plain;q=0.5")]
    [InlineData("application/json;q=0, application/graphql-response+json;q=0")]
    public async Task Post_AcceptExcludesBothJsonTypes_Returns406WithGraphQLShapedBody(string accept)
    {
        using var response = await _client.SendAsync(PostQuery("{ hello }", accept));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Contains("Accept", (await response.ReadJsonAsync()).FirstErrorMessage());
    }

    // text/csv is an export request: a result that is not one list of rows is refused as not acceptable, in JSON.
    [Fact]
    public async Task Post_AcceptCsv_ForAResultThatIsNotATable_Returns406NotFlat()
    {
        using var response = await _client.SendAsync(PostQuery("{ hello }", "text/csv"));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("NOT_FLAT", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Fact]
    public async Task Get_AcceptApplicationJson_ExecutesQuery()
    {
        using var response = await _client.SendAsync(GetQuery("{ hello }", Json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Json, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("world", (await response.ReadJsonAsync()).GetProperty("data").GetProperty("hello").GetString());
    }
}

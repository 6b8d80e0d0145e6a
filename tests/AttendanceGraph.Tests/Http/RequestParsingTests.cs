using System.Net;
using AttendanceGraph.Tests.Http.Support;
using static AttendanceGraph.Tests.Http.Support.GraphQLHttp;

namespace AttendanceGraph.Tests.Http;

public sealed class RequestParsingTests(GraphQLServerFixture server) : IClassFixture<GraphQLServerFixture>
{
    private readonly HttpClient _client = server.Client;

    [Fact]
    public async Task Post_UnknownBodyFields_AreIgnored()
    {
        using var response = await _client.SendAsync(Post("""{"query":"{ hello }","id":"abc","somethingElse":[1,2]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("world", (await response.ReadJsonAsync()).GetProperty("data").GetProperty("hello").GetString());
    }

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task Post_VariablesNotAnObject_Returns400(string accept)
    {
        var body = """{"query":"query Q($n: String!) { greet(name: $n) }","variables":[7]}""";
        using var response = await _client.SendAsync(Post(body, accept));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("variables", (await response.ReadJsonAsync()).FirstErrorMessage());
    }

    [Fact]
    public async Task Post_ExtensionsNotAnObject_Returns400()
    {
        using var response = await _client.SendAsync(Post("""{"query":"{ hello }","extensions":"nope"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("extensions", (await response.ReadJsonAsync()).FirstErrorMessage());
    }

    [Fact]
    public async Task Post_NullVariablesAndExtensions_AreAccepted()
    {
        using var response = await _client.SendAsync(Post("""{"query":"{ hello }","variables":null,"extensions":null,"operationName":null}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task Post_MalformedJson_Returns400WithGraphQLShapedBody(string accept)
    {
        using var response = await _client.SendAsync(Post("""{"query":""", accept));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", body.FirstErrorMessage());
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Theory]
    [InlineData("""{"qeury":"{ hello }"}""")]
    [InlineData("""{"query":42}""")]
    [InlineData("""[{"query":"{ hello }"}]""")]
    [InlineData("""{"query":"{ hello }","operationName":5}""")]
    public async Task Post_InvalidParameters_Returns400(string body)
    {
        using var response = await _client.SendAsync(Post(body, Json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").GetArrayLength() == 1);
    }

    [Fact]
    public async Task Post_Variables_AreCoercedAndUsed()
    {
        using var response = await _client.SendAsync(Post("""{"query":"query Q($n: String!) { greet(name: $n) }","variables":{"n":"Ada"}}"""));

        Assert.Equal("Hello, Ada", (await response.ReadJsonAsync()).GetProperty("data").GetProperty("greet").GetString());
    }

    [Fact]
    public async Task Post_OperationName_SelectsThatOperation()
    {
        var body = """{"query":"query A { hello } query B { greet(name: \"B\") }","operationName":"B"}""";
        using var response = await _client.SendAsync(Post(body));
        var data = (await response.ReadJsonAsync()).GetProperty("data");

        Assert.Equal("Hello, B", data.GetProperty("greet").GetString());
        Assert.False(data.TryGetProperty("hello", out _));
    }

    [Fact]
    public async Task Post_UnknownOperationName_Returns400()
    {
        using var response = await _client.SendAsync(Post("""{"query":"query A { hello }","operationName":"Nope"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_Extensions_ReachExecution()
    {
        var body = """{"query":"{ extension(key: \"trace\") }","extensions":{"trace":"t-123"}}""";
        using var response = await _client.SendAsync(Post(body));

        Assert.Equal("t-123", (await response.ReadJsonAsync()).GetProperty("data").GetProperty("extension").GetString());
    }

    [Fact]
    public async Task Post_UserContextFactory_SeesTheHttpRequest()
    {
        using var request = PostQuery("{ userContext }");
        request.Headers.Add("X-Test-Marker", "from-http");
        using var response = await _client.SendAsync(request);

        Assert.Equal("from-http", (await response.ReadJsonAsync()).GetProperty("data").GetProperty("userContext").GetString());
    }

    [Fact]
    public async Task Get_VariablesAsJsonQueryParameter_AreUsed()
    {
        var qs = "?query=" + Uri.EscapeDataString("query Q($n: String!) { greet(name: $n) }")
            + "&variables=" + Uri.EscapeDataString("""{"n":"Grace"}""");
        using var response = await _client.SendAsync(Get(qs));

        Assert.Equal("Hello, Grace", (await response.ReadJsonAsync()).GetProperty("data").GetProperty("greet").GetString());
    }

    [Fact]
    public async Task Get_VariablesNotAnObject_Returns400()
    {
        var qs = "?query=" + Uri.EscapeDataString("{ hello }") + "&variables=" + Uri.EscapeDataString("[1]");
        using var response = await _client.SendAsync(Get(qs, Json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Get_WithoutQueryParameter_Returns400()
    {
        using var response = await _client.SendAsync(Get("", GraphQLResponseJson));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("query", (await response.ReadJsonAsync()).FirstErrorMessage());
    }
}

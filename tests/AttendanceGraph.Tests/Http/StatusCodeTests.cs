using System.Net;
using AttendanceGraph.Tests.Http.Support;
using static AttendanceGraph.Tests.Http.Support.GraphQLHttp;

namespace AttendanceGraph.Tests.Http;

public sealed class StatusCodeTests(GraphQLServerFixture server) : IClassFixture<GraphQLServerFixture>
{
    private readonly HttpClient _client = server.Client;

    [Fact]
    public async Task Post_ValidationError_WithGraphQLResponseJson_Returns400WithoutData()
    {
        using var response = await _client.SendAsync(PostQuery("{ noSuchField }"));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(body.TryGetProperty("data", out _));
        Assert.Contains("noSuchField", body.FirstErrorMessage());
    }

    [Fact]
    public async Task Post_ValidationError_WithApplicationJson_Returns200()
    {
        using var response = await _client.SendAsync(PostQuery("{ noSuchField }", Json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("noSuchField", (await response.ReadJsonAsync()).FirstErrorMessage());
    }

    [Fact]
    public async Task Post_DocumentParseError_WithGraphQLResponseJson_Returns400()
    {
        using var response = await _client.SendAsync(PostQuery("{"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Post_DocumentParseError_WithApplicationJson_Returns200()
    {
        using var response = await _client.SendAsync(PostQuery("{", Json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_VariableCoercionFailure_WithGraphQLResponseJson_Returns400()
    {
        var body = """{"query":"query Q($n: String!) { greet(name: $n) }","variables":{"n":null}}""";
        using var response = await _client.SendAsync(Post(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_Mutation_Returns200WithData()
    {
        using var response = await _client.SendAsync(PostQuery("""mutation { echo(value: "hi") }"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hi", (await response.ReadJsonAsync()).GetProperty("data").GetProperty("echo").GetString());
    }

    [Fact]
    public async Task Get_Mutation_Returns405WithAllowPost()
    {
        using var response = await _client.SendAsync(GetQuery("""mutation { echo(value: "hi") }"""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
        Assert.Contains("POST", (await response.ReadJsonAsync()).FirstErrorMessage());
    }

    [Fact]
    public async Task Get_MutationSelectedByOperationName_Returns405EvenWithApplicationJson()
    {
        var document = """query Q { hello } mutation M { echo(value: "x") }""";
        using var response = await _client.SendAsync(GetQuery(document, Json, operationName: "M"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Get_QuerySelectedByOperationName_FromDocumentWithMutation_Returns200()
    {
        var document = """query Q { hello } mutation M { echo(value: "x") }""";
        using var response = await _client.SendAsync(GetQuery(document, operationName: "Q"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("world", (await response.ReadJsonAsync()).GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Put_Returns405WithAllowGetAndPost()
    {
        using var request = Post("""{"query":"{ hello }"}""");
        request.Method = HttpMethod.Put;
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.OrderBy(m => m));
    }

    [Fact]
    public async Task Post_UnsupportedContentType_Returns415WithGraphQLShapedBody()
    {
        using var response = await _client.SendAsync(Post("query=%7Bhello%7D", contentType: "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("Content-Type", (await response.ReadJsonAsync()).FirstErrorMessage());
    }

    [Fact]
    public async Task Post_FieldErrorDuringExecution_Returns200WithPartialDataAndErrors()
    {
        using var response = await _client.SendAsync(PostQuery("{ hello boom }"));
        var json = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("world", json.GetProperty("data").GetProperty("hello").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("data").GetProperty("boom").ValueKind);
        Assert.Equal(1, json.GetProperty("errors").GetArrayLength());
    }
}

using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Http.Headers;
using System.Net;
using System.Text;
using System.Text.Json;
using AttendanceGraph.Api.Http;
using AttendanceGraph.Tests.Http.Support;
using static AttendanceGraph.Tests.Http.Support.GraphQLHttp;

namespace AttendanceGraph.Tests.Http;

/// <summary>The document limits checked before parsing and validation, at the transport's default settings.</summary>
public sealed class DocumentLimitTests(GraphQLServerFixture server) : IClassFixture<GraphQLServerFixture>
{
    private static readonly DocumentLimits Defaults = new();
    // A safety cap, not a speed figure (the abuse benchmark measures those): unbounded, the fragment bomb below
    // takes minutes of validation.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);
    private readonly HttpClient _client = server.Client;

    [Fact]
    public async Task Post_FragmentBomb_IsRefusedBeforeValidationNamingMaxExpandedFields()
    {
        var bomb = HostileDocuments.FragmentBomb(levels: 30);
        Assert.True(bomb.Length < 2 * 1024, "the bomb is a small text");

        var stopwatch = Stopwatch.StartNew();
        using var response = await _client.SendAsync(PostQuery(bomb));
        var body = await response.ReadJsonAsync();

        Assert.True(stopwatch.Elapsed < Generous, $"took {stopwatch.Elapsed}");
        AssertRefused(response, body, nameof(DocumentLimits.MaxExpandedFields));
    }

    [Fact]
    public async Task Post_FragmentsExpandingWithinTheLimit_ReachTheComplexityAnalysis()
    {
        // 2^8 = 256 selections once expanded: within MaxExpandedFields, so it is priced (and refused) by complexity.
        using var response = await _client.SendAsync(PostQuery(HostileDocuments.FragmentBomb(levels: 8)));

        AssertPassedToValidation(await response.ReadJsonAsync());
    }

    [Fact]
    public async Task Post_RepeatedIdenticalFields_AreRefusedNamingMaxFields()
    {
        using var response = await _client.SendAsync(PostQuery(HostileDocuments.RepeatedField(Defaults.MaxFields + 1)));

        AssertRefused(response, await response.ReadJsonAsync(), nameof(DocumentLimits.MaxFields));
    }

    [Fact]
    public async Task Post_FieldsAtTheLimit_ReachTheComplexityAnalysis()
    {
        using var response = await _client.SendAsync(PostQuery(HostileDocuments.RepeatedField(Defaults.MaxFields)));

        AssertPassedToValidation(await response.ReadJsonAsync());
    }

    [Fact]
    public async Task Post_TooManyAliases_AreRefusedNamingMaxAliases()
    {
        using var response = await _client.SendAsync(PostQuery(HostileDocuments.Aliased(Defaults.MaxAliases + 1, "hello")));

        AssertRefused(response, await response.ReadJsonAsync(), nameof(DocumentLimits.MaxAliases));
    }

    [Fact]
    public async Task Post_TooManyFragmentSpreads_AreRefusedNamingMaxFragmentSpreads()
    {
        var spreads = string.Join(' ', Enumerable.Repeat("...F", Defaults.MaxFragmentSpreads + 1));
        using var response = await _client.SendAsync(PostQuery($"{{ {spreads} }} fragment F on Query {{ hello }}"));

        AssertRefused(response, await response.ReadJsonAsync(), nameof(DocumentLimits.MaxFragmentSpreads));
    }

    [Fact]
    public async Task Post_TooManyTokensInArguments_AreRefusedNamingMaxTokens()
    {
        // One field: only the list value inside the arguments is long, which the field count does not see.
        var list = string.Join(',', Enumerable.Repeat("1", Defaults.MaxTokens));
        using var response = await _client.SendAsync(PostQuery($"{{ greet(name: [{list}]) }}"));

        AssertRefused(response, await response.ReadJsonAsync(), nameof(DocumentLimits.MaxTokens));
    }

    [Fact]
    public async Task Post_QueryTextOverTheByteLimit_IsRefusedNamingMaxQueryBytes()
    {
        // Comments are not tokens, so only the byte limit can refuse this.
        var padded = "#" + new string('x', Defaults.MaxQueryBytes) + "\n{ hello }";
        using var response = await _client.SendAsync(PostQuery(padded));

        AssertRefused(response, await response.ReadJsonAsync(), nameof(DocumentLimits.MaxQueryBytes));
    }

    [Fact]
    public async Task Post_DocumentLimitError_WithApplicationJson_Returns200WithTheError()
    {
        using var response = await _client.SendAsync(PostQuery(HostileDocuments.RepeatedField(Defaults.MaxFields + 1), Json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DocumentLimitError.ErrorCode, (await response.ReadJsonAsync()).FirstErrorCode());
    }

    [Theory]
    [InlineData(GraphQLResponseJson)]
    [InlineData(Json)]
    public async Task Post_BodyOverMaxRequestBytes_Returns413WithGraphQLShapedError(string accept)
    {
        var oversized = JsonSerializer.Serialize(new { query = "{ hello }", padding = new string('x', Defaults.MaxRequestBytes) });
        using var response = await _client.SendAsync(Post(oversized, accept));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PAYLOAD_TOO_LARGE", body.FirstErrorCode());
        Assert.Contains(nameof(DocumentLimits.MaxRequestBytes), body.FirstErrorMessage());
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Post_ChunkedBodyOverMaxRequestBytes_Returns413WithoutAContentLength()
    {
        // A pipe stream cannot say its length, so the request carries no Content-Length and the limit must hold while reading.
        // No pause threshold: the whole body is written before the request is sent.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var oversized = JsonSerializer.Serialize(new { query = "{ hello }", padding = new string('x', Defaults.MaxRequestBytes) });
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(oversized));
        await pipe.Writer.CompleteAsync();
        using var request = Post("{}");
        request.Content = new StreamContent(pipe.Reader.AsStream());
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Json);

        using var response = await _client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PAYLOAD_TOO_LARGE", (await response.ReadJsonAsync()).FirstErrorCode());
    }

    // The test host's complexity cap (60) is far below these documents, so a complexity error proves the
    // document limits let them through to validation.
    private static void AssertPassedToValidation(JsonElement body)
    {
        Assert.NotEqual(DocumentLimitError.ErrorCode, body.FirstErrorCode());
        Assert.Contains("complex", body.FirstErrorMessage(), StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertRefused(HttpResponseMessage response, JsonElement body, string setting)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(DocumentLimitError.ErrorCode, body.FirstErrorCode());
        Assert.Contains(setting, body.FirstErrorMessage());
        Assert.False(body.TryGetProperty("data", out _));
    }
}

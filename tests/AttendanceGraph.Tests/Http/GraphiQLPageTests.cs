using System.Net;
using System.Text.RegularExpressions;
using AttendanceGraph.Tests.Http.Support;

namespace AttendanceGraph.Tests.Http;

public sealed partial class GraphiQLPageTests(GraphQLServerFixture server) : IClassFixture<GraphQLServerFixture>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private readonly HttpClient _client = server.Client;

    [Fact]
    public async Task Get_BrowserAcceptHeader_ServesGraphiQLHtml()
    {
        var html = await GetPageAsync();

        Assert.Contains("<div id=\"graphiql\" data-endpoint=\"/graphql\"", html);
        Assert.Contains("/graphql/ide/graphiql.min.js", html);
    }

    [Fact]
    public async Task GraphiQLHtml_ReferencesNoExternalAssetHost()
    {
        var html = await GetPageAsync();

        Assert.DoesNotMatch(ExternalUrl(), html);
        Assert.DoesNotContain("//cdn", html, StringComparison.OrdinalIgnoreCase);
        foreach (Match reference in AssetReference().Matches(html))
        {
            Assert.StartsWith("/graphql/ide/", reference.Groups["url"].Value);
        }
    }

    [Theory]
    [InlineData("graphiql.min.js", "text/javascript", "GraphiQL")]
    [InlineData("graphiql.min.css", "text/css", ".graphiql-container")]
    [InlineData("react.production.min.js", "text/javascript", "react.production.min.js")]
    [InlineData("react-dom.production.min.js", "text/javascript", "react-dom.production.min.js")]
    [InlineData("graphiql-init.js", "text/javascript", "createRoot")]
    public async Task IdeAssets_AreServedFromTheApi(string file, string mediaType, string marker)
    {
        using var response = await _client.GetAsync("/graphql/ide/" + file);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(marker, text);
    }

    [Fact]
    public async Task IdeAssets_UnknownFile_Returns404()
    {
        using var response = await _client.GetAsync("/graphql/ide/..%2Fsecrets.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_WildcardAccept_DoesNotServeHtml()
    {
        using var response = await _client.SendAsync(GraphQLHttp.Get("?query=%7Bhello%7D", "*/*"));

        Assert.Equal(GraphQLHttp.Json, response.Content.Headers.ContentType!.MediaType);
    }

    private async Task<string> GetPageAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", BrowserAccept);
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex(@"https?://", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();

    [GeneratedRegex(@"(?:src|href)=""(?<url>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex AssetReference();
}

using System.Net;
using System.Net.Http.Headers;

namespace AttendanceGraph.Tests.Api;

/// <summary>The transport as composed in Program: GET queries, the IDE for browsers, limits on the real schema.</summary>
[Collection(HandCheckedApiCollection.Name)]
public sealed class RealPipelineTests(HandCheckedApi api)
{
    [Theory]
    [InlineData(null, "application/json")] // no Accept: application/json (graphql-http audit SHOULD; BI tools send none)
    [InlineData("application/graphql-response+json", "application/graphql-response+json")]
    public async Task Get_Query_IsAnsweredInTheNegotiatedType(string? accept, string expected)
    {
        using var client = api.Factory.CreateClient(ApiFactory.LaLeadToken);
        if (accept is not null) client.DefaultRequestHeaders.Add("Accept", accept);
        using var response = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString("{ localAuthority { name } }"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Sutton", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Browser_GetsTheOfflineIde()
    {
        using var client = api.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("graphiql", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public async Task TooComplexQuery_IsRefusedBeforeTouchingTheWarehouse()
    {
        // 30 aliases of a weekly per-school per-code series: far over the complexity budget (lists count ×10 per level).
        var heavy = "{ " + string.Concat(Enumerable.Range(0, 30).Select(i =>
            $"s{i}: schools {{ nodes {{ trend(grain: WEEK) {{ measures {{ codes {{ code sessions }} }} }} }} }} ")) + "}";
        var before = api.Factory.QueriesRun;
        var result = await api.Factory.Query(heavy);
        Assert.Contains("complexity", result["errors"]![0]!["message"]!.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(result["data"]);
        Assert.Equal(before, api.Factory.QueriesRun);
    }
}

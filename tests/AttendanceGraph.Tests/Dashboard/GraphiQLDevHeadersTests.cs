using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using Microsoft.IdentityModel.JsonWebTokens;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>
/// GraphiQL's header pane, pre-filled in Development with the dashboard session's role (la-lead without one), the token
/// working against /graphql; in Production the page carries no token whatever the cookie.
/// </summary>
[Collection(HandCheckedApiCollection.Name)]
public sealed partial class GraphiQLDevHeadersTests(HandCheckedApi api)
{
    [Fact]
    public async Task Development_WithoutASession_PrefillsLaLeadsToken_WhichAnswers()
    {
        using var response = await GetGraphiQLAsync(api.Factory, cookie: null);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var token = BearerIn(await response.Content.ReadAsStringAsync());
        Assert.Equal(Roles.LaLead, new JsonWebToken(token).GetClaim("role").Value);
        var answer = await api.Factory.QueryAs(token, "{ accessAudit(first: 1) { nodes { role } } }");
        Assert.Null(answer["errors"]);
    }

    [Fact]
    public async Task Development_FollowsTheRoleChosenInTheDashboard()
    {
        using var response = await GetGraphiQLAsync(api.Factory, ApiFactory.Token(Roles.School, Beta));
        var jwt = new JsonWebToken(BearerIn(await response.Content.ReadAsStringAsync()));
        Assert.Equal((Roles.School, Beta.ToString()), (jwt.GetClaim("role").Value, jwt.GetClaim("urn").Value));
    }

    [Fact]
    public async Task Development_ACookieThatIsNotAValidTokenGetsLaLeadsDefault_NotItsOwnText()
    {
        using var response = await GetGraphiQLAsync(api.Factory, "not-a-token\"><script>");
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("not-a-token", html);
        Assert.Equal(Roles.LaLead, new JsonWebToken(BearerIn(html)).GetClaim("role").Value);
    }

    [Fact]
    public async Task Production_CarriesNoHeaders()
    {
        using var production = new ApiFactory(api.Warehouse.Paths.Root, settings: new Dictionary<string, string?> { ["environment"] = "Production" });
        using var response = await GetGraphiQLAsync(production, ApiFactory.Token(Roles.School, Beta));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"graphiql\"", html);
        Assert.DoesNotContain("data-headers", html);
        Assert.DoesNotContain("Bearer", html);
    }

    private static async Task<HttpResponseMessage> GetGraphiQLAsync(ApiFactory factory, string? cookie)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Add("Accept", "text/html");
        if (cookie is not null) request.Headers.Add("Cookie", $"{DashboardApp.DashboardSessionCookie}={cookie}");
        return await client.SendAsync(request);
    }

    /// <summary>The token in the page's data-headers attribute (HTML-encoded JSON: {"Authorization": "Bearer …"}).</summary>
    private static string BearerIn(string html)
    {
        var attribute = HeadersAttribute().Match(html);
        Assert.True(attribute.Success, "the GraphiQL page carries no data-headers");
        var headers = JsonNode.Parse(WebUtility.HtmlDecode(attribute.Groups[1].Value))!;
        var value = (string)headers["Authorization"]!;
        Assert.StartsWith("Bearer ", value);
        return value["Bearer ".Length..];
    }

    [GeneratedRegex("data-headers=\"([^\"]*)\"")]
    private static partial Regex HeadersAttribute();
}

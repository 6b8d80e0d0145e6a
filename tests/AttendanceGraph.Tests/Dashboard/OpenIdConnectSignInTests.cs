using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>
/// Production sign-in: the dashboard configured with an OpenID provider (a small one this test starts) signs the user
/// in with the authorization-code flow and shows the pages as the role in the ID token; /graphql still wants a bearer token.
/// </summary>
public sealed class OpenIdConnectSignInTests
{
    [Fact]
    public async Task SigningIn_ThroughTheIdentityProvider_OpensTheDashboardAsTheRoleInTheIdToken()
    {
        await using var provider = new TestOpenIdProvider(Roles.School, HandCheckedAuthority.Alpha);
        await provider.StartAsync();
        using var warehouse = new HandCheckedWarehouse();
        var port = FreePort();
        using var factory = new ApiFactory(warehouse.Paths.Root, settings: new Dictionary<string, string?>
        {
            ["Authentication:OpenIdConnect:Authority"] = provider.Issuer,
            ["Authentication:OpenIdConnect:ClientId"] = TestOpenIdProvider.ClientId,
            ["Authentication:OpenIdConnect:ClientSecret"] = TestOpenIdProvider.ClientSecret,
        });
        factory.UseKestrel(port);
        factory.StartServer();
        var origin = $"http://127.0.0.1:{port}";

        await using var browser = await AttendanceGraph.Tests.Browser.SystemChromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GoToAsync(origin + "/", new PuppeteerSharp.NavigationOptions { WaitUntil = [PuppeteerSharp.WaitUntilNavigation.Networkidle0], Timeout = 60_000 });

        Assert.Contains(TestOpenIdProvider.ClientId, provider.Authorized);
        Assert.Equal(origin + "/", page.Url);
        var signedIn = await page.EvaluateExpressionAsync<string>("document.querySelector('.ag-signed-in').textContent");
        Assert.Contains("oidc-school", signedIn);
        Assert.Contains($"URN {HandCheckedAuthority.Alpha}", signedIn);

        // The sign-in cookie is for the pages only: the GraphQL endpoint keeps to the Authorization header.
        using var client = factory.CreateClient();
        var cookies = await page.GetCookiesAsync(origin);
        Assert.Contains(cookies, c => c.Name == "attendancegraph-signin");
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        using var graphql = await client.PostAsync("/graphql", new StringContent("{\"query\":\"{ localAuthority { name } }\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, graphql.StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;
using AttendanceGraph.Api.Dashboard;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using PuppeteerSharp;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>
/// The real API (Program) over the hand-checked warehouse on a loopback socket, and Debian's chromium driven by
/// PuppeteerSharp (<see cref="AttendanceGraph.Tests.Browser.SystemChromium"/>). Shared by the dashboard's tests.
/// </summary>
public sealed class DashboardApp : IAsyncLifetime
{
    private readonly HandCheckedWarehouse warehouse = new();
    private ApiFactory? factory;

    public string Origin { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests write a screenshot of each page and role, for a reviewer to look at.</summary>
    public static string ScreenshotDir { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        factory = new ApiFactory(warehouse.Paths.Root);
        factory.UseKestrel(port);
        factory.StartServer();
        Origin = $"http://127.0.0.1:{port}";
        Browser = await AttendanceGraph.Tests.Browser.SystemChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        factory?.Dispose();
        warehouse.Dispose();
    }

    /// <summary>A new page signed in as <paramref name="role"/> (the session cookie holds a test token, as sign-in would).</summary>
    public async Task<BrowserPage> OpenAsync(string? role, int? urn = null)
    {
        // A fresh browser context per page: its own cookie jar, so one test's role never leaks into another's.
        var browserContext = await Browser.CreateBrowserContextAsync();
        var page = await browserContext.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        if (role is not null)
            await page.SetCookieAsync(new CookieParam
            {
                Name = DashboardSessionCookie, Value = ApiFactory.Token(role, urn), Url = Origin, HttpOnly = true, SameSite = SameSite.Strict,
            });
        return new BrowserPage(browserContext, page, Origin);
    }

    public const string DashboardSessionCookie = "attendancegraph-session";

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardApp>
{
    public const string Name = "Dashboard in headless chromium";
}

using AttendanceGraph.Tests.Api;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>
/// Manual: refreshes docs/screenshots/local-authority.png (the README's picture) from a running server on the demo LA.
/// Run `dotnet run --project api`, then
/// <c>DASHBOARD_URL=http://localhost:5080 DASHBOARD_TOKEN=&lt;la-lead token from the banner&gt; dotnet test --filter ReadmeScreenshot</c>.
/// Without those variables it does nothing (CI has no demo server running).
/// </summary>
public sealed class ReadmeScreenshot(ITestOutputHelper output)
{
    [Fact]
    public async Task LocalAuthorityPage_OfTheRunningDemo()
    {
        var url = Environment.GetEnvironmentVariable("DASHBOARD_URL");
        var token = Environment.GetEnvironmentVariable("DASHBOARD_TOKEN");
        if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(token))
        {
            output.WriteLine("DASHBOARD_URL and DASHBOARD_TOKEN not set: nothing to do.");
            return;
        }
        await using var browser = await AttendanceGraph.Tests.Browser.SystemChromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        await page.SetCookieAsync(new CookieParam { Name = DashboardApp.DashboardSessionCookie, Value = token, Url = url });
        await page.GoToAsync(url + "/", new NavigationOptions { WaitUntil = [WaitUntilNavigation.Networkidle0], Timeout = 120_000 });
        var path = Path.Combine(RepositoryRoot.Find(), "docs", "screenshots", "local-authority.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        output.WriteLine(path);
    }
}

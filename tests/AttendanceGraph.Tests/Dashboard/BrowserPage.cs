using PuppeteerSharp;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>A chromium tab that records what a page must never do: console errors, script errors and requests leaving the machine.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext browserContext;

    public BrowserPage(IBrowserContext browserContext, IPage page, string origin)
    {
        this.browserContext = browserContext;
        Page = page;
        Origin = origin;
        page.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) ConsoleErrors.Add(e.Message.Text); };
        page.PageError += (_, e) => ConsoleErrors.Add(e.Message);
        page.Request += (_, e) => Requests.Add(e.Request.Url);
    }

    public IPage Page { get; }
    public string Origin { get; }
    public List<string> ConsoleErrors { get; } = [];
    public List<string> Requests { get; } = [];

    public async Task<IResponse> GoAsync(string path)
    {
        var response = await Page.GoToAsync(Origin + path, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Networkidle0], Timeout = 60_000 });
        return response;
    }

    /// <summary>Every request went to this origin (or was an inline data: URI): no CDN, no analytics, nothing off the machine.</summary>
    public void AssertNoOffMachineRequests() => Assert.All(Requests, url => Assert.True(
        url.StartsWith(Origin + "/", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal),
        $"the page requested {url}"));

    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(DashboardApp.ScreenshotDir, name + ".png");
        await Page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync() => await browserContext.CloseAsync();
}

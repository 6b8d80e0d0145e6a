using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using PuppeteerSharp;
using Xunit.Abstractions;
using static AttendanceGraph.Tests.Fixtures.ResidentsElsewhere;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>
/// The Virtual School page over the hand-checked LA with its looked-after child placed at Merton's school
/// (<see cref="ResidentsElsewhere"/>), in headless chromium: the pupil list names the school and tags it out of area, the CSV
/// says so in words, and the page passes axe-core. Leaves virtual-school-out-of-area.png in bin/…/screenshots.
/// </summary>
public sealed class OutOfAreaDashboardTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly EtlWarehouse warehouse = new();
    private ApiFactory? factory;
    private IBrowser? browser;
    private string origin = "";

    public async Task InitializeAsync()
    {
        warehouse.Load(ResidentsElsewhere.Write(warehouse));
        var port = DashboardApp.FreePort();
        factory = new ApiFactory(warehouse.Paths.Root);
        factory.UseKestrel(port);
        factory.StartServer();
        origin = $"http://127.0.0.1:{port}";
        browser = await AttendanceGraph.Tests.Browser.SystemChromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        factory?.Dispose();
        warehouse.Dispose();
    }

    [Fact]
    public async Task TheVirtualSchoolsPupilList_TagsAPupilPlacedAtAnotherLasSchool_OutOfArea()
    {
        var context = await browser!.CreateBrowserContextAsync();
        var tab = await context.NewPageAsync();
        await tab.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        await tab.SetCookieAsync(new CookieParam
        {
            Name = DashboardApp.DashboardSessionCookie, Value = ApiFactory.Token(Roles.VirtualSchool), Url = origin, HttpOnly = true, SameSite = SameSite.Strict,
        });
        await using var page = new BrowserPage(context, tab, origin);
        await page.Page.SetBypassCSPAsync(true);
        var response = await page.GoAsync("/virtual-school");
        output.WriteLine($"screenshot {await page.ScreenshotAsync("virtual-school-out-of-area")}");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        var rows = await page.Page.EvaluateExpressionAsync<string[]>(
            "[...document.querySelectorAll('#virtual-school-pupils-table tbody tr')].map(r => r.innerText.replace(/\\s+/g, ' '))");
        var r1 = Assert.Single(rows, r => r.Contains(R1, StringComparison.Ordinal));
        Assert.Contains("Morden Brook Primary School", r1);
        Assert.Contains("Out of area Merton", r1);
        // Known only from DfE totals: its patterns and its penalty-notice window are not known, not "None" and "Below threshold".
        Assert.Equal(2, r1.Split("Not known (weeks loaded as weekly totals)").Length - 1);
        Assert.DoesNotContain("Below threshold", r1);
        Assert.Contains("No", Assert.Single(rows, r => r.Contains(HandCheckedAuthority.P6, StringComparison.Ordinal)));
        Assert.Equal(1, await page.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('#virtual-school-pupils-table .govuk-tag').length"));
        Assert.Empty(page.ConsoleErrors);
        await Axe.AssertNoViolationsAsync(page, "/virtual-school with a pupil out of area");
    }
}

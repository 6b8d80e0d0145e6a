using AttendanceGraph.Api.Security;
using PuppeteerSharp;
using PuppeteerSharp.Media;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>Keyboard-only use of the pickers, the sortable table and the TSM meeting form; and the TSM pack printed to A4.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardKeyboardTests(DashboardApp app)
{
    /// <summary>Presses Tab until <paramref name="selector"/> has focus (at most 80 times), proving it is reachable by keyboard.</summary>
    private static async Task TabToAsync(BrowserPage page, string selector)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Page.Keyboard.PressAsync("Tab");
            if (await page.Page.EvaluateExpressionAsync<bool>($"document.activeElement === document.querySelector({System.Text.Json.JsonSerializer.Serialize(selector)})")) return;
        }
        Assert.Fail($"{selector} could not be reached with the Tab key");
    }

    [Fact]
    public async Task SchoolsTable_FilteredAndSortedByKeyboard_KeepsTheStateInTheUrl()
    {
        await using var page = await app.OpenAsync(Roles.LaLead);
        await page.GoAsync("/schools");
        await TabToAsync(page, "#phase");
        await page.Page.Keyboard.PressAsync("ArrowDown"); // All phases -> Primary
        await TabToAsync(page, "form[aria-label='Filter schools'] button");
        await Task.WhenAll(page.Page.WaitForNavigationAsync(), page.Page.Keyboard.PressAsync("Enter"));
        Assert.Contains("phase=PRIMARY", page.Page.Url);
        var names = await page.Page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#schools-table tbody th')].map(t => t.textContent)");
        Assert.DoesNotContain("Gamma High School", names);
        Assert.Contains("Alpha Primary School", names);

        await TabToAsync(page, "#schools-table thead th:nth-child(6) a");
        await Task.WhenAll(page.Page.WaitForNavigationAsync(), page.Page.Keyboard.PressAsync("Enter"));
        Assert.Contains("sort=OVERALL_ABSENCE_RATE", page.Page.Url);
        Assert.Contains("phase=PRIMARY", page.Page.Url);
        Assert.Equal("descending", await page.Page.EvaluateExpressionAsync<string>("document.querySelector('#schools-table thead th:nth-child(6)').getAttribute('aria-sort')"));
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task PeriodPicker_ByKeyboard_PutsThePeriodInTheUrl()
    {
        await using var page = await app.OpenAsync(Roles.LaLead);
        await page.GoAsync("/");
        await TabToAsync(page, "#period");
        await page.Page.Keyboard.PressAsync("ArrowDown"); // the next period in the list
        await TabToAsync(page, "form.ag-pickers button");
        await Task.WhenAll(page.Page.WaitForNavigationAsync(), page.Page.Keyboard.PressAsync("Enter"));
        Assert.Contains("period=", page.Page.Url);
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task TsmMeetingForm_CompletedByKeyboard_RecordsTheMeeting_AndThePackShowsTheAgreedAction()
    {
        await using var page = await app.OpenAsync(Roles.LaLead);
        await page.GoAsync($"/schools/{Alpha}/tsm?period=2025/26");
        await TabToAsync(page, "#meeting-date");
        await page.Page.Keyboard.DownAsync("Control");
        await page.Page.Keyboard.PressAsync("KeyA");
        await page.Page.Keyboard.UpAsync("Control");
        await page.Page.Keyboard.TypeAsync("2025-09-12");
        await page.Page.Keyboard.PressAsync("Tab");
        await page.Page.Keyboard.TypeAsync("A. Lead, LA attendance officer");
        await page.Page.Keyboard.PressAsync("Tab");
        await page.Page.Keyboard.PressAsync("ArrowDown"); // the first pupil in the pack
        await page.Page.Keyboard.PressAsync("Tab");
        await page.Page.Keyboard.TypeAsync("Weekly check-in with family");
        await page.Page.Keyboard.PressAsync("Tab");
        await page.Page.Keyboard.TypeAsync("School attendance lead");
        await page.Page.Keyboard.PressAsync("Tab");
        await page.Page.Keyboard.PressAsync("ArrowDown"); // Targeted
        await TabToAsync(page, "form[action*='/tsm'] button[type=submit]");
        await Task.WhenAll(page.Page.WaitForNavigationAsync(), page.Page.Keyboard.PressAsync("Enter"));

        Assert.Contains("recorded=1", page.Page.Url);
        var html = await page.Page.EvaluateExpressionAsync<string>("document.querySelector('#tsm-pupils-table').textContent");
        Assert.Contains("Weekly check-in with family", html);
        Assert.Contains("Targeted", html);
        await page.ScreenshotAsync("la-lead-tsm-pack-after-meeting");
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task TsmPack_PrintsToA4_WithoutNavigationOrForm()
    {
        await using var page = await app.OpenAsync(Roles.LaLead);
        await page.GoAsync($"/schools/{Alpha}/tsm?period=2025/26");
        var pdf = Path.Combine(DashboardApp.ScreenshotDir, "tsm-pack.pdf");
        await page.Page.PdfAsync(pdf, new PdfOptions { Format = PaperFormat.A4, PrintBackground = true, PreferCSSPageSize = true });
        Assert.True(new FileInfo(pdf).Length > 1000);
        // The print stylesheet hides the navigation and the form.
        await page.Page.EmulateMediaTypeAsync(MediaType.Print);
        Assert.False(await page.Page.EvaluateExpressionAsync<bool>("document.querySelector('#record-meeting').offsetParent !== null"));
        Assert.False(await page.Page.EvaluateExpressionAsync<bool>("document.querySelector('.govuk-service-navigation').offsetParent !== null"));
        Assert.True(await page.Page.EvaluateExpressionAsync<bool>("document.querySelector('#tsm-pupils-table').offsetParent !== null"));
    }
}

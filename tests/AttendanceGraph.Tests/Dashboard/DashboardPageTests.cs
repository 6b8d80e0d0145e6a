using AttendanceGraph.Api.Security;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;
using Xunit.Abstractions;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>
/// Every page for every role that has it, in headless chromium: it answers, draws with no console error, asks for
/// nothing off the machine, passes axe-core's WCAG 2.2 AA rules, and leaves a screenshot in bin/…/screenshots.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardPageTests(DashboardApp app, ITestOutputHelper output)
{
    public static TheoryData<string, string, string> PagesByRole()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var role in new[] { Roles.LaLead, Roles.VirtualSchool, Roles.BiReader })
        {
            data.Add(role, "local-authority", "/");
            data.Add(role, "schools", "/schools");
            data.Add(role, "school", $"/schools/{Beta}");
            data.Add(role, "virtual-school", "/virtual-school");
        }
        data.Add(Roles.LaLead, "tsm-pack", $"/schools/{Alpha}/tsm");
        data.Add(Roles.LaLead, "needs-attention", $"/needs-attention?urn={Alpha}");
        data.Add(Roles.VirtualSchool, "needs-attention", "/needs-attention");
        data.Add(Roles.School, "needs-attention", "/needs-attention");
        data.Add(Roles.School, "local-authority", "/");
        data.Add(Roles.School, "school", $"/schools/{Alpha}");
        data.Add(Roles.School, "tsm-pack", $"/schools/{Alpha}/tsm");
        data.Add(Roles.School, "schools", "/schools");
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesByRole))]
    public async Task Page_Loads_WithNoConsoleErrorsNoOffMachineRequestsAndNoAxeViolations(string role, string name, string path)
    {
        await using var page = await app.OpenAsync(role, role == Roles.School ? Alpha : null);
        await page.Page.SetBypassCSPAsync(true);
        var response = await page.GoAsync(path);
        var shot = await page.ScreenshotAsync($"{role}-{name}");
        output.WriteLine($"{role} {path}: {(int)response.Status}, screenshot {shot}");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.Empty(page.ConsoleErrors);
        page.AssertNoOffMachineRequests();
        // Every chart was drawn by the pinned Chart.js (not just its fallback text).
        Assert.True(await page.Page.EvaluateExpressionAsync<bool>("[...document.querySelectorAll('canvas[data-chart]')].every(c => Chart.getChart(c))"));
        await Axe.AssertNoViolationsAsync(page, $"{path} as {role}");
    }

    [Fact]
    public async Task SchoolRole_NeverSeesAnotherSchoolsName()
    {
        string[] others = ["Béta Primary School", "Gamma High School", "Other LA Primary"];
        await using var page = await app.OpenAsync(Roles.School, Alpha);
        foreach (var path in new[] { "/", "/schools", $"/schools/{Alpha}", $"/schools/{Alpha}/tsm", "/virtual-school", $"/schools/{Beta}", $"/schools/{Gamma}/tsm", "/needs-attention", $"/needs-attention?urn={Gamma}" })
        {
            await page.GoAsync(path);
            var text = await page.Page.EvaluateExpressionAsync<string>("document.documentElement.outerHTML");
            foreach (var other in others) Assert.DoesNotContain(other, text);
        }
        var refused = await page.GoAsync($"/schools/{Beta}");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.Status);
    }

    [Fact]
    public async Task NotSignedIn_GoesToTheRolePicker_AndSigningInByKeyboardOpensTheLocalAuthorityPage()
    {
        await using var page = await app.OpenAsync(role: null);
        await page.GoAsync("/");
        Assert.EndsWith("/sign-in", page.Page.Url);
        await Axe.AssertNoViolationsAsync(page, "the sign-in page");
        await page.ScreenshotAsync("sign-in");
        // The first radio (la-lead) is checked; focus it and submit with Enter, as a keyboard user would.
        await page.Page.FocusAsync("#role");
        await Task.WhenAll(page.Page.WaitForNavigationAsync(), page.Page.Keyboard.PressAsync("Enter"));
        Assert.Equal(page.Origin + "/", page.Page.Url);
        Assert.Contains("attendance", await page.Page.EvaluateExpressionAsync<string>("document.querySelector('h1').textContent"));
        Assert.Empty(page.ConsoleErrors);
    }
}

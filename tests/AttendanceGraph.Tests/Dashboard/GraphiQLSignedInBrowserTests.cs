using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using PuppeteerSharp;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>
/// In Development GraphiQL opens with the dashboard role's Authorization header in its header pane, and a query run
/// from it is answered as that role (the IDE's fetcher sends the pane's headers).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class GraphiQLSignedInBrowserTests(DashboardApp app)
{
    private static readonly WaitForFunctionOptions UiTimeout = new() { Timeout = 30_000, PollingInterval = 100 };

    [Fact]
    public async Task HeaderPane_HoldsTheSchoolRolesToken_AndAQueryIsAnsweredAsThatSchool()
    {
        await using var browser = await app.OpenAsync(Roles.School, Alpha);
        var page = browser.Page;
        await browser.GoAsync("/graphql");
        await page.WaitForFunctionAsync("() => !!document.querySelector('.graphiql-container .graphiql-execute-button')", UiTimeout);
        const string headers = "document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror')?.CodeMirror.getValue() ?? ''";
        await page.WaitForFunctionAsync($"() => ({headers}).includes('Bearer ')", UiTimeout);

        const string editor = "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror";
        await page.EvaluateExpressionAsync($"{editor}.setValue('{{ schools(first: 5) {{ nodes {{ urn }} }} }}'); true");
        await page.EvaluateExpressionAsync("document.querySelector('.graphiql-execute-button').click()");
        const string response = "document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()";
        await page.WaitForFunctionAsync($"() => {response}.includes('\"data\"') || {response}.includes('\"errors\"')", UiTimeout);
        var result = JsonNode.Parse(await page.EvaluateExpressionAsync<string>(response))!;
        Assert.True(result["errors"] is null, result.ToJsonString());
        // A school's token lists its own school only.
        Assert.Equal([Alpha], result["data"]!["schools"]!["nodes"]!.AsArray().Select(n => (int)n!["urn"]!));
        await browser.ScreenshotAsync("graphiql-school");
        browser.AssertNoOffMachineRequests();
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using AttendanceGraph.Tests.Browser;
using AttendanceGraph.Tests.Http.Support;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace AttendanceGraph.Tests.Http;

/// <summary>
/// Drives the real GraphiQL page in headless Chromium (PuppeteerSharp, <see cref="SystemChromium"/>) against the API on
/// a loopback socket: proves the embedded bundles boot, introspection reaches the docs explorer, and a typed query runs
/// end to end.
/// </summary>
public sealed class GraphiQLBrowserTests(ITestOutputHelper output)
{
    private static readonly WaitForFunctionOptions UiTimeout = new() { Timeout = 30_000, PollingInterval = 100 };

    [Fact]
    public async Task GraphiQL_InHeadlessChromium_ShowsQueryTypeInDocsAndRunsTypedQuery()
    {
        var stopwatch = Stopwatch.StartNew();
        await using var app = TestGraphQLApp.Build(kestrelLoopback: true);
        await app.StartAsync();
        var origin = app.Urls.Single().TrimEnd('/');

        await using var browser = await SystemChromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        var urls = new List<string>();
        page.Request += (_, e) => urls.Add(e.Request.Url);
        try
        {
            await page.GoToAsync(origin + "/graphql");
            await page.WaitForFunctionAsync("() => !!document.querySelector('.graphiql-container .graphiql-execute-button')", UiTimeout);

            await OpenQueryTypeInDocsAsync(page);
            await TypeAndRunQueryAsync(page);
            AssertOnlySameOriginRequests(urls, origin);
        }
        catch (Exception ex)
        {
            var path = Path.Combine(Path.GetTempPath(), $"graphiql-failure-{Guid.NewGuid():N}.png");
            await page.ScreenshotAsync(path);
            throw new Exception($"{ex.Message} (screenshot: {path})", ex);
        }
        output.WriteLine($"browser test took {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task OpenQueryTypeInDocsAsync(IPage page)
    {
        await page.EvaluateExpressionAsync("document.querySelector('button[aria-label=\"Show Documentation Explorer\"]').click()");
        // The root view lists the root operation types once the introspection query has come back.
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name')].some(a => a.textContent === 'Query')", UiTimeout);
        await page.EvaluateExpressionAsync(
            "[...document.querySelectorAll('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name')].find(a => a.textContent === 'Query').click()");
        await page.WaitForFunctionAsync(
            "() => document.querySelector('.graphiql-doc-explorer-title')?.textContent === 'Query'"
            + " && [...document.querySelectorAll('.graphiql-doc-explorer a.graphiql-doc-explorer-field-name')].some(a => a.textContent === 'hello')",
            UiTimeout);
    }

    private static async Task TypeAndRunQueryAsync(IPage page)
    {
        const string editor = "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror";
        await page.EvaluateExpressionAsync($"{editor}.setValue(''); {editor}.focus(); true");
        // SendCharacter is CDP's Input.insertText: the browser's text-input path, as typing does.
        await page.Keyboard.SendCharacterAsync("{ hello greet(name: \"Browser\") }");
        Assert.Equal("{ hello greet(name: \"Browser\") }", await page.EvaluateExpressionAsync<string>($"{editor}.getValue()"));

        await page.EvaluateExpressionAsync("document.querySelector('.graphiql-execute-button').click()");
        const string response = "document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()";
        await page.WaitForFunctionAsync($"() => {response}.includes('\"greet\"')", UiTimeout);

        var result = JsonNode.Parse(await page.EvaluateExpressionAsync<string>(response))!;
        Assert.Equal("world", result["data"]?["hello"]?.GetValue<string>());
        Assert.Equal("Hello, Browser", result["data"]?["greet"]?.GetValue<string>());
    }

    private static void AssertOnlySameOriginRequests(List<string> urls, string origin)
    {
        Assert.Contains(origin + "/graphql/ide/graphiql.min.js", urls);
        Assert.Contains(origin + "/graphql/ide/react.production.min.js", urls);
        // Offline means every fetch stays on the API's origin; inline data: URIs never leave the page.
        Assert.All(urls, url => Assert.True(
            url.StartsWith(origin + "/", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal),
            $"page requested an external URL: {url}"));
    }
}

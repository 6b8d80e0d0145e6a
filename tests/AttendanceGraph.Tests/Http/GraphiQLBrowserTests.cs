using System.Diagnostics;
using System.Text.Json.Nodes;
using AttendanceGraph.Tests.Http.Browser;
using AttendanceGraph.Tests.Http.Support;
using Microsoft.AspNetCore.Builder;
using Xunit.Abstractions;

namespace AttendanceGraph.Tests.Http;

/// <summary>
/// Drives the real GraphiQL page in headless Chromium against the API on a loopback socket: proves the
/// embedded bundles boot, introspection reaches the docs explorer, and a typed query runs end to end.
/// </summary>
public sealed class GraphiQLBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan UiTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GraphiQL_InHeadlessChromium_ShowsQueryTypeInDocsAndRunsTypedQuery()
    {
        var stopwatch = Stopwatch.StartNew();
        await using var app = TestGraphQLApp.Build(kestrelLoopback: true);
        await app.StartAsync();
        var origin = app.Urls.Single().TrimEnd('/');

        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var page = await chromium.ConnectToPageAsync();
        try
        {
            await page.SendAsync("Network.enable");
            await page.SendAsync("Page.navigate", new { url = origin + "/graphql" });

            await page.WaitForAsync(
                "!!document.querySelector('.graphiql-container .graphiql-execute-button')", UiTimeout, "GraphiQL to render");

            await OpenQueryTypeInDocsAsync(page);
            await TypeAndRunQueryAsync(page);
            AssertOnlySameOriginRequests(page, origin);
        }
        catch (Exception ex)
        {
            throw new Exception($"{ex.Message} (screenshot: {await ScreenshotAsync(page)})", ex);
        }
        output.WriteLine($"browser test took {stopwatch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task OpenQueryTypeInDocsAsync(CdpConnection page)
    {
        await page.EvaluateAsync("document.querySelector('button[aria-label=\"Show Documentation Explorer\"]').click()");
        // The root view lists the root operation types once the introspection query has come back.
        await page.WaitForAsync(
            "[...document.querySelectorAll('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name')].some(a => a.textContent === 'Query')",
            UiTimeout, "the docs explorer to list the Query type");
        await page.EvaluateAsync(
            "[...document.querySelectorAll('.graphiql-doc-explorer a.graphiql-doc-explorer-type-name')].find(a => a.textContent === 'Query').click()");
        await page.WaitForAsync(
            "document.querySelector('.graphiql-doc-explorer-title')?.textContent === 'Query'"
            + " && [...document.querySelectorAll('.graphiql-doc-explorer a.graphiql-doc-explorer-field-name')].some(a => a.textContent === 'hello')",
            UiTimeout, "the Query type page with its hello field");
    }

    private static async Task TypeAndRunQueryAsync(CdpConnection page)
    {
        const string editor = "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror";
        await page.EvaluateAsync($"{editor}.setValue(''); {editor}.focus(); true");
        // Input.insertText goes through the browser's text-input path, as typing does.
        await page.SendAsync("Input.insertText", new { text = "{ hello greet(name: \"Browser\") }" });
        var typed = await page.EvaluateAsync($"{editor}.getValue()");
        Assert.Equal("{ hello greet(name: \"Browser\") }", typed?.GetValue<string>());

        await page.EvaluateAsync("document.querySelector('.graphiql-execute-button').click()");
        const string response = "document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()";
        await page.WaitForAsync($"{response}.includes('\"greet\"')", UiTimeout, "the query result in the response pane");

        var result = JsonNode.Parse((await page.EvaluateAsync(response))!.GetValue<string>())!;
        Assert.Equal("world", result["data"]?["hello"]?.GetValue<string>());
        Assert.Equal("Hello, Browser", result["data"]?["greet"]?.GetValue<string>());
    }

    private static void AssertOnlySameOriginRequests(CdpConnection page, string origin)
    {
        var urls = page.Events
            .Where(e => e["method"]?.GetValue<string>() == "Network.requestWillBeSent")
            .Select(e => e["params"]!["request"]!["url"]!.GetValue<string>())
            .ToList();

        Assert.Contains(origin + "/graphql/ide/graphiql.min.js", urls);
        Assert.Contains(origin + "/graphql/ide/react.production.min.js", urls);
        // Offline means every fetch stays on the API's origin; inline data: URIs never leave the page.
        Assert.All(urls, url => Assert.True(
            url.StartsWith(origin + "/", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal),
            $"page requested an external URL: {url}"));
    }

    private static async Task<string> ScreenshotAsync(CdpConnection page)
    {
        try
        {
            var shot = await page.SendAsync("Page.captureScreenshot", new { format = "png" });
            var path = Path.Combine(Path.GetTempPath(), $"graphiql-failure-{Guid.NewGuid():N}.png");
            await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot["data"]!.GetValue<string>()));
            return path;
        }
        catch (Exception ex)
        {
            return "unavailable: " + ex.Message;
        }
    }
}

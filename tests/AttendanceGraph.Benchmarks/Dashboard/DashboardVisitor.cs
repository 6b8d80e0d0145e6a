using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PuppeteerSharp;

namespace AttendanceGraph.Benchmarks.Dashboard;

/// <summary>
/// Opens a dashboard page in headless Chromium as a first visit (a new browser context: no cookies but the session's,
/// no HTTP cache) signed in with a bearer token in the dashboard's session cookie, as the role picker or OpenID sign-in
/// would leave it, and reads the paint and load timings the browser itself records.
/// </summary>
public static partial class DashboardVisitor
{
    private const string SessionCookie = "attendancegraph-session";

    // Fully drawn: the load event has ended and the last resource (scripts, styles, Chart.js) has arrived. Charts draw
    // without animation in a deferred module script, so they are on screen before the load event.
    private const string TimingsScript = """
        (() => {
          const n = performance.getEntriesByType('navigation')[0];
          const paint = Object.fromEntries(performance.getEntriesByType('paint').map(p => [p.name, p.startTime]));
          const lastResource = Math.max(0, ...performance.getEntriesByType('resource').map(r => r.responseEnd));
          return JSON.stringify({
            fp: paint['first-paint'] ?? -1, fcp: paint['first-contentful-paint'] ?? -1,
            drawn: Math.max(n.loadEventEnd, lastResource),
            unavailable: document.body.innerHTML.includes('could not be loaded ('),
            text: document.body.innerText
          });
        })()
        """;

    /// <param name="server">The freshly started API: its address, token, and the timing it logs for the page (its first).</param>
    /// <param name="periodLabel">The period's label as the page shows it: a page that fell back to another period is an error, not a figure.</param>
    public static async Task<PageVisit> VisitAsync(IBrowser browser, Api.ApiServer server, string page, string periodLabel, string path)
    {
        var (origin, token) = (server.Endpoint, server.Token);
        var context = await browser.CreateBrowserContextAsync();
        try
        {
            var tab = await context.NewPageAsync();
            await tab.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
            await tab.SetCookieAsync(new CookieParam
            {
                Name = SessionCookie, Value = token, Url = origin.GetLeftPart(UriPartial.Authority), HttpOnly = true, SameSite = SameSite.Strict,
            });
            var errors = new List<string>();
            tab.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) lock (errors) errors.Add($"console: {e.Message.Text}"); };
            tab.PageError += (_, e) => { lock (errors) errors.Add($"script: {e.Message}"); };
            tab.RequestFailed += (_, e) => { lock (errors) errors.Add($"request failed: {e.Request.Url}"); };
            var response = await tab.GoToAsync(new Uri(origin, path).ToString(), new NavigationOptions
            {
                WaitUntil = [WaitUntilNavigation.Load, WaitUntilNavigation.Networkidle0], Timeout = 120_000,
            });
            var t = JsonDocument.Parse(await tab.EvaluateExpressionAsync<string>(TimingsScript)).RootElement;
            var status = (int)response.Status;
            if (status != 200) errors.Add($"HTTP {status}");
            if (t.GetProperty("unavailable").GetBoolean()) errors.Add("a section could not be loaded");
            if (!t.GetProperty("text").GetString()!.Contains(periodLabel, StringComparison.Ordinal)) errors.Add($"the page does not show {periodLabel}");
            // The page's own timing, as the API logged it when the page ended (streamed pages send no Server-Timing header).
            var timing = server.PageTiming(0, TimeSpan.FromSeconds(5));
            if (timing is null) errors.Add("the API logged no timing for the page");
            var (graphQL, documents, serverPage, firstByte, each) = ServerTiming(timing);
            return new PageVisit(page, periodLabel, status, t.GetProperty("fp").GetDouble(), t.GetProperty("fcp").GetDouble(),
                t.GetProperty("drawn").GetDouble(), graphQL, documents, serverPage, errors) { ServerFirstByteMs = firstByte, DocumentTimes = each };
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>The page's timing as the API logs it: graphql;dur=…;desc="N GraphQL documents", page;dur=…, first-byte;dur=…; documents: Name ms, ….</summary>
    private static (double? GraphQL, int? Documents, double? Page, double? FirstByte, string? Each) ServerTiming(string? timing)
    {
        var m = timing is null ? null : ServerTimingPattern().Match(timing);
        if (m is null || !m.Success) return (null, null, null, null, null);
        double Ms(int group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        return (Ms(1), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), Ms(3), Ms(4), m.Groups[5].Success ? m.Groups[5].Value.Trim() : null);
    }

    [GeneratedRegex(@"graphql;dur=([0-9.]+);desc=""(\d+) GraphQL documents"", page;dur=([0-9.]+), first-byte;dur=([0-9.]+)(?:; documents: ([^\r\n]*))?")]
    private static partial Regex ServerTimingPattern();
}

using System.Text.Json;
using AttendanceGraph.Tests.Api;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>
/// axe-core (pinned in api/Dashboard/Assets/package-lock.json, installed by the API build's npm ci) run in the page
/// against WCAG 2.0, 2.1 and 2.2 A and AA: public-sector services must meet WCAG 2.2 AA.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Script = new(() => File.ReadAllText(
        Path.Combine(RepositoryRoot.Find(), "api", "Dashboard", "Assets", "node_modules", "axe-core", "axe.min.js")));

    public static async Task AssertNoViolationsAsync(BrowserPage page, string what)
    {
        // The page's own policy allows only its own scripts; the test's injected axe is let through by CDP's bypass.
        await page.Page.EvaluateExpressionAsync(Script.Value);
        var json = await page.Page.EvaluateExpressionAsync<string>("""
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
               .then(r => JSON.stringify(r.violations.map(v => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))))
            """);
        var violations = JsonDocument.Parse(json).RootElement;
        Assert.True(violations.GetArrayLength() == 0, $"axe found violations on {what}: {json}");
    }
}

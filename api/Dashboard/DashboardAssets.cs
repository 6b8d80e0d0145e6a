using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>
/// The dashboard's CSS, scripts and icons, embedded at build from the npm packages pinned by
/// api/Dashboard/Assets/package-lock.json (and our own two files), served at /assets/ where GOV.UK Frontend's
/// stylesheet expects them. Nothing is fetched from a CDN: LA networks block them.
/// </summary>
internal static partial class DashboardAssets
{
    private const string ResourcePrefix = "Dashboard/assets/";
    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    // A fixed allow-list: the route value never reaches the resource lookup unchecked.
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["govuk-frontend.min.css"] = "text/css; charset=utf-8",
        ["govuk-frontend.min.js"] = "text/javascript; charset=utf-8",
        ["chart.umd.min.js"] = "text/javascript; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["images/favicon.svg"] = "image/svg+xml",
        ["images/favicon.ico"] = "image/x-icon",
    };

    public static async Task WriteAsync(HttpContext context, string path)
    {
        if (!ContentTypes.TryGetValue(path, out var contentType))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var bytes = Cache.GetOrAdd(path, Load);
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        context.Response.Headers.CacheControl = "public, max-age=3600";
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static byte[] Load(string path)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(ResourcePrefix + path)
            ?? throw new InvalidOperationException($"Dashboard asset {path} is not embedded: build the API with npm available (npm ci in api/Dashboard/Assets).");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        if (path != "govuk-frontend.min.css") return memory.ToArray();
        // The GDS Transport typeface is licensed for GOV.UK domains only; an LA's own service falls back to Arial,
        // as GOV.UK Frontend's own guidance for non-GOV.UK services says. Dropping the @font-face rules also means the
        // browser never asks for the font files.
        var css = Encoding.UTF8.GetString(memory.ToArray());
        return Encoding.UTF8.GetBytes(FontFace().Replace(css, ""));
    }

    [GeneratedRegex(@"@font-face\{[^}]*\}")]
    private static partial Regex FontFace();
}

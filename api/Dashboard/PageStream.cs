using Microsoft.Extensions.Options;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>How the dashboard's pages are sent (section Dashboard).</summary>
public sealed class DashboardPageSettings
{
    /// <summary>
    /// Send each page in parts as it is made (<see cref="PageStream"/>); on by default. Off sends every page whole, with its
    /// Server-Timing header: for a proxy that must not see a page arrive slowly, or to compare the two (the pages' bytes are the same).
    /// </summary>
    public bool Stream { get; set; } = true;
}

/// <summary>
/// A page's HTML sent in parts as it is made, so the browser fetches the stylesheets and paints the layout, then each
/// section, while the rest of the page is still being read: the layout's head as soon as the page knows its title (for
/// the pages whose title is fixed, before it has read anything), the navigation once the period is resolved, then each
/// section as its documents answer. The bytes are the page <see cref="Layout.Page"/> would send whole; only when they
/// leave changes. Only a GET for the page itself streams: a CSV download (<c>csv=</c>) is built from the finished
/// tables, and a form's answer (the TSM pack after a POST) is sent whole, as before. A page that can still answer with
/// another status (a school the role may not see, one that does not exist) starts streaming only once it knows it
/// answers 200. Once streaming has started, the status is 200 and the Server-Timing header has gone: the page's timing
/// is logged when it ends instead (<see cref="DashboardTiming"/>). Dashboard:Stream=false sends every page whole.
/// </summary>
internal sealed class PageStream
{
    private static readonly object Key = new();
    private readonly HttpContext http;
    private bool topSent;

    private PageStream(HttpContext http) => this.http = http;

    /// <summary>The request's stream, once started.</summary>
    public static PageStream? Of(HttpContext http) => http.Items[Key] as PageStream;

    /// <summary>True when this request's page may be sent in parts.</summary>
    public static bool Allowed(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) && !http.Request.Query.ContainsKey("csv") && !http.Response.HasStarted
        && http.RequestServices.GetService<IOptions<DashboardPageSettings>>()?.Value.Stream != false;

    /// <summary>Starts the page (status 200, the layout's head with <paramref name="title"/>) unless it has started or may not stream.</summary>
    public static async Task<PageStream?> StartAsync(HttpContext http, string title)
    {
        if (Of(http) is { } started) return started;
        if (!Allowed(http)) return null;
        var stream = new PageStream(http);
        http.Items[Key] = stream;
        DashboardTiming.Of(http)?.Streaming();
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/html; charset=utf-8";
        // Every page's layout has the sign-out form, whose antiforgery token sets a cookie (and its no-cache headers): now,
        // while headers can still be set. The form field later gets the same token (it is kept for the request).
        Forms.Antiforgery(http);
        await stream.SendAsync(Layout.Head(title));
        return stream;
    }

    /// <summary>Sends <paramref name="html"/> (the page's next part), after the navigation if it has not gone yet.</summary>
    public Task WriteAsync(DashboardContext context, string current, string html) =>
        SendAsync((topSent ? "" : Layout.Top(context, current)) + html, markTop: true);

    /// <summary>
    /// Ends a page that failed after it started streaming: its status (200) and first sections have gone, so the browser
    /// would show a page with sections silently missing — on the needs-attention page, "no pupils listed" read as "nobody
    /// needs attention". It gets an error summary saying so, and the layout's end.
    /// </summary>
    public Task FailAsync(DashboardContext? context, string current) =>
        SendAsync((topSent ? "" : Layout.Top(context, current)) + Unfinished + Layout.Bottom, markTop: true);

    internal const string Unfinished = """
        <div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
          <h2 class="govuk-error-summary__title">This page did not finish loading</h2>
          <div class="govuk-error-summary__body"><p class="govuk-body">Sections after this point are missing, so do not read this page as complete. Reload it; if this happens again, tell the service's administrators (the server has logged the failure).</p></div>
        </div></div>
        """;

    /// <summary>The page's last part and the layout's end, as the request's result.</summary>
    public IResult End(DashboardContext context, string current, string html) => new Ending(this, context, current, html);

    private async Task SendAsync(string html, bool markTop = false)
    {
        if (markTop) topSent = true;
        if (html.Length == 0) return;
        await http.Response.WriteAsync(html, http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private sealed class Ending(PageStream stream, DashboardContext context, string current, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => stream.WriteAsync(context, current, html + Layout.Bottom);
    }
}

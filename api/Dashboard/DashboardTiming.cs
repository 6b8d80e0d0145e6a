using System.Diagnostics;
using System.Globalization;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>
/// Where a page's time went, sent as a Server-Timing header: <c>graphql</c> is the time its documents spent in the
/// GraphQL executor (summed: a page runs them one after another), <c>page</c> the whole request up to the first byte.
/// Browsers' developer tools show it beside the page, and the benchmark's dashboard section reads it, so a slow page says
/// whether the warehouse or the rendering is slow. Durations and a count only: nothing about the pupils on the page.
/// </summary>
internal sealed class DashboardTiming
{
    private static readonly object Key = new();
    private readonly long started = Stopwatch.GetTimestamp();
    private long graphQLTicks;
    private int documents;

    /// <summary>The request's timing, started with the page; header written when the response starts.</summary>
    public static DashboardTiming Start(HttpContext http)
    {
        var timing = new DashboardTiming();
        http.Items[Key] = timing;
        http.Response.OnStarting(() =>
        {
            http.Response.Headers["Server-Timing"] = timing.Header();
            return Task.CompletedTask;
        });
        return timing;
    }

    /// <summary>Null outside a page (a document run by something else is not timed).</summary>
    public static DashboardTiming? Of(HttpContext http) => http.Items[Key] as DashboardTiming;

    public void AddDocument(TimeSpan elapsed)
    {
        Interlocked.Add(ref graphQLTicks, elapsed.Ticks);
        Interlocked.Increment(ref documents);
    }

    public string Header()
    {
        var graphQL = TimeSpan.FromTicks(Interlocked.Read(ref graphQLTicks)).TotalMilliseconds;
        var page = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"graphql;dur={graphQL:0.0};desc=\"{documents} GraphQL documents\", page;dur={page:0.0}");
    }
}

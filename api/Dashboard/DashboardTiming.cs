using System.Diagnostics;
using System.Globalization;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>
/// Where a page's time went: <c>graphql</c> is the time its documents spent in the GraphQL executor (wall-clock time
/// with at least one document running, so documents run side by side count once), <c>page</c> the whole request up to
/// its last byte. Sent as a Server-Timing header when the page is sent whole (browsers' developer tools show it beside
/// the page), and logged at Debug (category <c>AttendanceGraph.Api.Dashboard.DashboardTiming</c>) for every page when it
/// ends, with <c>first-byte</c>, the time to its first byte: a streamed page (<see cref="PageStream"/>) has sent its
/// headers long before its time is known. The benchmark's dashboard section reads the log line, so a slow page says
/// whether the warehouse or the rendering is slow, and the log line ends with each document's own time in the order they
/// started, so it also says which document. Durations, document names and the route only: nothing about the pupils on the page.
/// </summary>
internal sealed class DashboardTiming
{
    private static readonly object Key = new();
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly Lock gate = new();
    private long graphQLTicks, firstByteTicks, runningSince;
    private int documents, running;
    private readonly List<(string Name, long StartedTicks, long Ticks)> each = [];
    private bool streaming;

    /// <summary>The request's timing, started with the page; header written when the response starts, log line when it ends.</summary>
    public static DashboardTiming Start(HttpContext http)
    {
        var timing = new DashboardTiming();
        http.Items[Key] = timing;
        http.Response.OnStarting(() =>
        {
            timing.firstByteTicks = Stopwatch.GetTimestamp() - timing.started;
            if (!timing.streaming) http.Response.Headers["Server-Timing"] = timing.Header();
            return Task.CompletedTask;
        });
        http.Response.OnCompleted(() =>
        {
            var log = http.RequestServices.GetService<ILogger<DashboardTiming>>();
            if (log?.IsEnabled(LogLevel.Debug) == true)
            {
                var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
                var firstByte = Stopwatch.GetElapsedTime(0, timing.firstByteTicks).TotalMilliseconds;
                log.LogDebug("Dashboard page {Route} answered {Status}{Streamed}: {ServerTiming}, first-byte;dur={FirstByte}; documents: {Documents}",
                    route, http.Response.StatusCode, timing.streaming ? " (streamed)" : "", timing.Header(),
                    firstByte.ToString("0.0", CultureInfo.InvariantCulture), timing.EachDocument());
            }
            return Task.CompletedTask;
        });
        return timing;
    }

    /// <summary>Null outside a page (a document run by something else is not timed).</summary>
    public static DashboardTiming? Of(HttpContext http) => http.Items[Key] as DashboardTiming;

    /// <summary>The page is being streamed: its headers go before its time is known, so they carry none.</summary>
    public void Streaming() => streaming = true;

    /// <summary>The document <paramref name="name"/> started; dispose the result when it has answered.</summary>
    public IDisposable Document(string name)
    {
        var now = Stopwatch.GetTimestamp();
        lock (gate)
        {
            documents++;
            if (running++ == 0) runningSince = now;
        }
        return new Running(this, name, now);
    }

    private void Ended(string name, long startedTicks)
    {
        var now = Stopwatch.GetTimestamp();
        lock (gate)
        {
            if (--running == 0) graphQLTicks += now - runningSince;
            each.Add((name, startedTicks, now - startedTicks));
        }
    }

    /// <summary>Each document's name and milliseconds, in the order they started: <c>DashboardPickers 12.5, TsmPack 380.1</c>.</summary>
    public string EachDocument()
    {
        lock (gate)
            return string.Join(", ", each.OrderBy(d => d.StartedTicks).Select(d => string.Create(CultureInfo.InvariantCulture,
                $"{d.Name} {Stopwatch.GetElapsedTime(0, d.Ticks).TotalMilliseconds:0.0}")));
    }

    public string Header()
    {
        double graphQL;
        int count;
        lock (gate)
        {
            var ticks = graphQLTicks + (running > 0 ? Stopwatch.GetTimestamp() - runningSince : 0);
            graphQL = Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds;
            count = documents;
        }
        var page = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"graphql;dur={graphQL:0.0};desc=\"{count} GraphQL documents\", page;dur={page:0.0}");
    }

    private sealed class Running(DashboardTiming timing, string name, long startedTicks) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) timing.Ended(name, startedTicks);
        }
    }
}

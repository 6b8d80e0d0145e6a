using System.Diagnostics;
using System.Security.Claims;
using AttendanceGraph.Api.Dashboard.Pages;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Security;
using Microsoft.Extensions.Options;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>When the dashboard's opening pages are computed ahead of the first visitor (section Dashboard:Warm).</summary>
public sealed class DashboardWarmSettings
{
    /// <summary>Off in the tests' API (a background query would disturb their query counts); on in appsettings.json.</summary>
    public bool Enabled { get; set; }

    /// <summary>How often the ETL's pointer is checked for a newly published snapshot.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Renders the pages a lead opens first — the local authority page and the schools table, default period, all pupils,
/// and the Virtual School's aggregates (not its pupils) — as soon as a new snapshot is published, so their measures are
/// in the result cache (<see cref="MeasureResultCache"/>, keyed by snapshot) before the first visitor of the day asks;
/// without it that visitor waits for every measure cold.
/// The pages run as a local-authority lead (the resolvers see the lead through the HTTP context accessor, as for a
/// request) through the same GraphQL documents, rules and cache as a signed-in lead (the answers are discarded; only the
/// cache keeps them), so a lead's first view is served from the cache; other roles' requests, with cell keys, share the
/// parts that match. The pages it renders hold aggregates only: no pupil data is read, logged or audited; errors are
/// logged by code only. It does not pass the per-user rate limit or the warehouse admission queue (it is one caller,
/// one page at a time, once per snapshot).
/// </summary>
public sealed class DashboardWarmer(
    IServiceScopeFactory scopes, WarehouseReader reader, MeasureResultCache cache, IHttpContextAccessor accessor,
    IOptions<DashboardWarmSettings> settings, IOptions<JwtSettings> jwt, ILogger<DashboardWarmer> log) : BackgroundService
{
    /// <summary>The snapshot last warmed (or whose warm failed); null until the first warm ends.</summary>
    public string? WarmedSnapshot
    {
        get => Volatile.Read(ref warmed);
        private set => Volatile.Write(ref warmed, value);
    }

    private string? warmed;

    /// <summary>The error codes the last warm's documents answered with (none when every figure was computed).</summary>
    public IReadOnlyList<string> LastErrorCodes { get; private set; } = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // With the result cache off there is nothing to warm into.
        if (!settings.Value.Enabled || !cache.Enabled) return;
        using var timer = new PeriodicTimer(settings.Value.PollInterval);
        do
        {
            try
            {
                // Refresh follows CURRENT as a request would; a damaged pointer leaves the last good snapshot in service.
                reader.Refresh();
                if (reader.CurrentSnapshotName is { } name && name != WarmedSnapshot)
                {
                    await WarmAsync(name, stoppingToken);
                    WarmedSnapshot = name;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An unhandled exception would stop the host (BackgroundServiceExceptionBehavior.StopHost): warming is
                // never worth the API.
                log.LogWarning("Warm on publish skipped a check of the warehouse: {Error}", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task WarmAsync(string snapshot, CancellationToken stoppingToken)
    {
        var clock = Stopwatch.StartNew();
        var errors = new List<string>();
        try
        {
            foreach (var (path, render) in Pages)
            {
                await using var scope = scopes.CreateAsyncScope();
                var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = Lead(), RequestAborted = stoppingToken };
                http.Request.Path = path;
                http.Response.Body = Stream.Null;
                // The resolvers find their caller through the accessor (AccessContext), as for a request; without it they
                // would see nobody signed in.
                accessor.HttpContext = http;
                try
                {
                    var context = await DashboardContext.CreateAsync(http)
                        ?? throw new InvalidOperationException("the warming user was not accepted as a local-authority lead");
                    await render(context);
                    errors.AddRange(scope.ServiceProvider.GetRequiredService<DashboardDocuments>().ErrorCodes.Where(c => !Explained.Contains(c)));
                }
                finally
                {
                    accessor.HttpContext = null;
                }
            }
            LastErrorCodes = errors;
            if (errors.Count == 0)
                log.LogInformation("Warmed the dashboard's opening pages for snapshot {Snapshot} in {Milliseconds} ms", snapshot, clock.ElapsedMilliseconds);
            else
                log.LogWarning("Warming the dashboard for snapshot {Snapshot} answered with errors after {Milliseconds} ms: {Codes}",
                    snapshot, clock.ElapsedMilliseconds, string.Join(", ", errors.Distinct()));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Warming is an optimisation: a failure leaves the first visitor to compute the pages, as without it.
            LastErrorCodes = [e.GetType().Name];
            log.LogWarning("Warming the dashboard for snapshot {Snapshot} failed after {Milliseconds} ms: {Error}", snapshot, clock.ElapsedMilliseconds, e.GetType().Name);
        }
    }

    // The Virtual School's measures and cohort breakdown are LA-wide aggregates too, and the slowest of the opening
    // figures (its cohort breakdown reads the cohort's pupils' registers: 1.3-3 s cold on the 38M-mark LA): warmed without
    // the page's pupil list.
    /// <summary>
    /// Answers a page explains to its reader rather than failures (Layout.Unavailable): a period the data cannot answer (the
    /// Virtual School's cohort breakdown reads registers, so weeks known only as DfE totals refuse it) and disclosure
    /// control's refusal. The warm found exactly what a visitor would; it did not fail.
    /// </summary>
    private static readonly HashSet<string> Explained = ["BAD_PERIOD", Disclosure.PopulationTooDetailedError.ErrorCode];

    private static readonly (string Path, Func<DashboardContext, Task<IResult>> Render)[] Pages =
    [
        ("/", LocalAuthorityPage.RenderAsync),
        ("/schools", SchoolsPage.RenderAsync),
        ("/virtual-school", VirtualSchoolPage.WarmAggregatesAsync),
    ];

    private ClaimsPrincipal Lead() => new(new ClaimsIdentity(
        [new Claim("sub", "dashboard-warmer"), new Claim(jwt.Value.RoleClaim, Roles.LaLead)], authenticationType: "warm-on-publish"));
}

using AttendanceGraph.Benchmarks.Api;
using AttendanceGraph.Benchmarks.Dashboard;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Measurement;
using AttendanceGraph.Benchmarks.Reporting;
using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>
/// Each dashboard page's first visit on a freshly started API (issue 13): a new API process over the benchmark warehouse
/// after a daily load (<see cref="DatasetCache.WarehouseAfterADailyLoad"/>: two batches, so the needs-attention page has
/// a previous load to compare with, as every morning but the first) for every page and period (no result cache, no snapshot facts, no JIT of that page yet; the OS page cache stays warm),
/// visited once in headless Chromium with the browser tests' launch setup: first paint, first contentful paint and fully
/// drawn (load event and the last resource), with the page's GraphQL time, its server time and when its first byte left, as
/// the API logs them for each page (a streamed page's headers leave before its time is known). p50 over distinct
/// periods. Targets (38M-mark LA): every page fully drawn under 1.5 s, the LA page's first paint under 500 ms. A page that
/// errors fails the run, in --smoke too; times are judged at full size only. Each build of `--api-build` (as `dotnet run`
/// builds it, as published) side by side: a fresh process is also the JIT's first run of the page's code.
/// </summary>
public sealed class DashboardSection : ISection
{
    private const double FullyDrawnTarget = 1500, LaFirstPaintTarget = 500;

    public string Name => "dashboard";

    public void Run(BenchmarkContext context, SectionReport report) => RunAsync(context, report).GetAwaiter().GetResult();

    private static async Task RunAsync(BenchmarkContext context, SectionReport report)
    {
        var o = context.Options;
        var dataset = context.MainDataset();
        var paths = context.Cache.WarehouseAfterADailyLoad(dataset);
        var school = WarehouseSchools.Read(paths).ProbeUrn;
        report.DataDescription = dataset.Describe();
        var pages = new (string Name, string Path)[]
        {
            ("local authority", "/"), ("schools", "/schools"), ("school", $"/schools/{school}"), ("TSM pack", $"/schools/{school}/tsm"),
            ("Virtual School", "/virtual-school"), ("needs attention", $"/needs-attention?urn={school}"),
        };
        var periods = new[] { Period.Year(BenchmarkCalendar.Year), Period.ForTerm(BenchmarkCalendar.Year, Term.Autumn), Period.ForTerm(BenchmarkCalendar.Year, Term.Spring) }
            .Take(o.Smoke ? 2 : 3).ToList();

        var builds = context.ApiBuilds();
        await using var browser = await AttendanceGraph.Tests.Browser.SystemChromium.LaunchAsync();
        var visits = new List<(ApiBuild Build, PageVisit Visit)>();
        foreach (var (name, path) in pages)
            foreach (var period in periods)
                foreach (var build in builds) // side by side: each page and period visited on each build in turn
                {
                    using var server = ApiServer.Start(build, paths.Root, TimeSpan.FromSeconds(120));
                    var url = path + (path.Contains('?') ? "&" : "?") + "period=" + Uri.EscapeDataString(Key(period));
                    visits.Add((build, await DashboardVisitor.VisitAsync(browser, server, name, period.Label, url)));
                }

        var t = report.Table($"Dashboard, first visit on a freshly started API (la-lead; school {school}; p50 over {periods.Count} periods: {string.Join(", ", periods.Select(p => p.Label))})",
            "page", "API build", "visits", "errors", "first paint ms", "first contentful paint ms", "fully drawn ms", "GraphQL ms (server)", "documents", "server page ms", "server first byte ms", "target", "met");
        foreach (var ((name, _), build) in pages.SelectMany(p => builds.Select(b => (p, b))))
        {
            var mine = visits.Where(v => v.Visit.Page == name && v.Build == build).Select(v => v.Visit).ToList();
            var errors = mine.Sum(v => v.Errors.Count);
            var fp = Summary.Of(mine.Select(v => v.FirstPaintMs)).P50;
            var drawn = Summary.Of(mine.Select(v => v.FullyDrawnMs)).P50;
            var laPage = name == "local authority";
            var met = errors == 0 && drawn < FullyDrawnTarget && (!laPage || fp < LaFirstPaintTarget);
            t.Add(name, build.Name, mine.Count, errors, fp, Summary.Of(mine.Select(v => v.FirstContentfulPaintMs)).P50, drawn,
                Summary.Of(mine.Select(v => v.GraphQLMs ?? double.NaN)).P50, mine.Max(v => v.Documents ?? 0),
                Summary.Of(mine.Select(v => v.ServerPageMs ?? double.NaN)).P50, Summary.Of(mine.Select(v => v.ServerFirstByteMs ?? double.NaN)).P50,
                laPage ? $"drawn < {FullyDrawnTarget:0}, FP < {LaFirstPaintTarget:0}" : $"drawn < {FullyDrawnTarget:0}",
                o.Smoke ? "(smoke)" : LoadSection.Met(met));
            foreach (var v in mine.Where(v => v.Errors.Count > 0))
            {
                report.FailsRun = true;
                report.Notes.Add($"{name} ({v.Period}, {build.Name}): {string.Join("; ", v.Errors.Take(3))}");
            }
        }
        var each = report.Table("Where each page's GraphQL time went: its documents, each with its own ms in the order they started (the visit with the median fully drawn time)",
            "page", "API build", "period", "fully drawn ms", "documents");
        foreach (var ((name, _), build) in pages.SelectMany(p => builds.Select(b => (p, b))))
        {
            var mine = visits.Where(v => v.Visit.Page == name && v.Build == build).Select(v => v.Visit).OrderBy(v => v.FullyDrawnMs).ToList();
            var median = mine[mine.Count / 2];
            each.Add(name, build.Name, median.Period, median.FullyDrawnMs, median.DocumentTimes ?? "(not logged)");
        }
        await WarmOnPublishAsync(browser, paths.Root, builds, report);
        report.Figures["dataset"] = dataset.ToJson();
        report.Figures["apiBuilds"] = builds.Select(b => new { build = b.Name, dll = b.Dll }).ToList();
        report.Figures["visits"] = visits.Select(v => new { build = v.Build.Name, visit = v.Visit.ToJson() }).ToList();
        report.Notes.Add("Each visit starts its own API process (Production, result cache on but empty) and a new browser context; the warehouse files stay in the OS page cache between processes. " +
                         "Fully drawn = max(load event end, last resource's response end); charts draw without animation before the load event. GraphQL ms is the server's graphql figure (wall-clock time with at least one of the page's documents in the executor), server page ms its whole page up to the last byte, " +
                         "server first byte ms when its first byte left (pages with a fixed title stream: the layout's head goes before any document runs), all from the API's Debug log line for the page (category AttendanceGraph.Api.Dashboard.DashboardTiming).");
        report.Notes.Add(ExportSection.ApiBuildNote(builds));
    }

    /// <summary>
    /// Issue 15's warm-on-publish: the two pages the warmer renders (LA, schools; default period, all pupils), each
    /// visited first on a fresh API without warming and on one that warmed after opening the snapshot (as after a
    /// publish), waiting for the warm to finish before visiting.
    /// </summary>
    private static async Task WarmOnPublishAsync(PuppeteerSharp.IBrowser browser, string warehouse, IReadOnlyList<ApiBuild> builds, SectionReport report)
    {
        var t = report.Table("First visit after a publish, default period: without and with warm-on-publish (Dashboard:Warm)",
            "page", "API build", "warm", "warm took ms", "first paint ms", "fully drawn ms", "GraphQL ms (server)", "errors");
        var visits = new List<object>();
        foreach (var (name, path) in new[] { ("local authority", "/"), ("schools", "/schools") })
            foreach (var (build, warm) in builds.SelectMany(b => new[] { (b, false), (b, true) }))
            {
                using var server = ApiServer.Start(build, warehouse, TimeSpan.FromSeconds(120), warm: warm);
                double? took = warm ? server.WaitForWarm(TimeSpan.FromSeconds(300)) : null;
                // The default period is the latest academic year with data: the benchmark year.
                var v = await DashboardVisitor.VisitAsync(browser, server, name, Period.Year(BenchmarkCalendar.Year).Label, path);
                t.Add(name, build.Name, warm ? "on" : "off", took ?? double.NaN, v.FirstPaintMs, v.FullyDrawnMs, v.GraphQLMs ?? double.NaN, v.Errors.Count);
                visits.Add(new { page = name, build = build.Name, warm, warmMs = took, firstPaintMs = v.FirstPaintMs, fullyDrawnMs = v.FullyDrawnMs, graphQLMs = v.GraphQLMs });
                if (v.Errors.Count > 0)
                {
                    report.FailsRun = true;
                    report.Notes.Add($"{name} ({build.Name}, warm {(warm ? "on" : "off")}): {string.Join("; ", v.Errors.Take(3))}");
                }
            }
        report.Figures["warmOnPublish"] = visits;
        report.Notes.Add("Warm-on-publish renders the LA and schools pages (default period, all pupils), and the Virtual School's aggregates, as a lead when a snapshot is opened, into the result cache; " +
                         "the warmed visit comes after the warm finished, as the first visitor after a nightly load would.");
    }

    /// <summary>The period as the dashboard's URL holds it (PeriodChoice): an academic year by label, else start_end.</summary>
    private static string Key(Period p) => p.Kind == PeriodKind.AcademicYear ? p.Label : $"{p.Start:yyyy-MM-dd}_{p.End:yyyy-MM-dd}";
}

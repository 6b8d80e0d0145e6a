using System.Diagnostics;
using System.Text.Json;
using AttendanceGraph.Benchmarks.Api;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Reporting;
using AttendanceGraph.Benchmarks.Soak;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>
/// Sustained, varied load: N clients for a fixed time against the real API, every request one the result cache has
/// not seen on the snapshot it serves, with an incremental load through the real ETL every few minutes, and a canary figure that must change
/// exactly once per load. Errors and the canary fail the run; latency and memory are judged only at full size.
/// </summary>
public sealed class SoakSection : ISection
{
    public string Name => "soak";

    public void Run(BenchmarkContext context, SectionReport report)
    {
        var o = context.Options;
        var dataset = context.MainDataset();
        var plannedLoads = (int)Math.Ceiling(o.SoakDuration / o.LoadEvery) - 1;
        var scratch = context.Cache.Scratch(dataset, "soak");
        try
        {
            var warehouse = SoakWarehouse.Prepare(dataset, scratch, plannedLoads);
            var schools = WarehouseSchools.Read(warehouse.Paths);
            report.DataDescription = dataset.Describe() + $"; served without its last {plannedLoads} school day(s), which the soak loads";
            using var server = ApiServer.Start(context.Api(), warehouse.Paths.Root, TimeSpan.FromSeconds(120));
            using var driver = new LoadDriver(server);
            var mix = new SoakQueryMix(schools.All.Select(s => s.Urn).ToList(), Cohorts(driver));

            var clock = Stopwatch.StartNew();
            using var stopLoads = new CancellationTokenSource();
            IReadOnlyList<SoakRequest> requests;
            IReadOnlyList<SoakLoad> loads;
            Canary canary;
            ProcessSampler sampler;
            using (sampler = new ProcessSampler(server.ProcessId, clock, o.SampleEvery))
            using (canary = new Canary(driver, clock, mix.NewSnapshot))
            {
                var loader = new IncrementalLoads(warehouse, clock, o.LoadEvery, plannedLoads, stopLoads.Token);
                requests = SoakClients.Run(driver, mix, o.Clients, clock, o.SoakDuration);
                stopLoads.Cancel(); // a load already running finishes; none starts after the clients stop
                loads = loader.Finish();
                canary.WaitForChanges(loads.Count(l => l.Ok), TimeSpan.FromSeconds(10));
            }
            var outcome = new SoakOutcome(o.Clients, o.SoakDuration, requests, loads, canary, sampler.Samples, mix.Issued);
            SoakReport.Fill(report, outcome, o.Smoke);
            report.Figures["dataset"] = dataset.ToJson();
            report.Figures["apiPeakRssKiB"] = server.PeakRssKiB;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The cohorts the running API offers (its own catalogue, not a copy of it).</summary>
    internal static IReadOnlyList<string> Cohorts(LoadDriver driver)
    {
        var (ok, _, error, body) = driver.ExchangeAsync(new DashboardQuery("cohorts", "{ cohorts { cohort } }", new { })).GetAwaiter().GetResult();
        if (!ok || body is null) throw new InvalidOperationException($"the API did not list its cohorts: {error}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("data").GetProperty("cohorts").EnumerateArray().Select(c => c.GetProperty("cohort").GetString()!).ToList();
    }
}

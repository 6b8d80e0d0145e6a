using AttendanceGraph.Benchmarks.Abuse;
using AttendanceGraph.Benchmarks.Api;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Measurement;
using AttendanceGraph.Benchmarks.Reporting;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>
/// Issue 11's hostile requests, each sent by several clients at once to the real API in a child process while one
/// client loops on a cheap query: the time to refuse each, the cheap query's p50/p95 meanwhile, and the API's RSS
/// before and after. Targets: every hostile request refused in under 2 s (a miss fails the run), the cheap p95 under
/// 250 ms, RSS back within 10%.
/// </summary>
public sealed class AbuseSection : ISection
{
    public string Name => "abuse";

    private static readonly TimeSpan RefusalTarget = TimeSpan.FromSeconds(2);
    private const double CheapP95TargetMs = 250;
    private const double RssTolerance = 0.10;

    public void Run(BenchmarkContext context, SectionReport report)
    {
        var o = context.Options;
        var (concurrent, rounds, baseline) = o.Smoke ? (2, 1, TimeSpan.FromSeconds(2)) : (4, 3, TimeSpan.FromSeconds(5));
        var dataset = context.MainDataset();
        var paths = context.Cache.Warehouse(dataset);
        var schools = WarehouseSchools.Read(paths);
        report.DataDescription = dataset.Describe() + $"; tsmPack asks about URN {schools.ProbeUrn}";
        using var server = ApiServer.Start(context.Api(), paths.Root, TimeSpan.FromSeconds(120));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Token);

        var cheap = new CheapQueryLoop();
        using var stop = new CancellationTokenSource();
        var loop = cheap.RunAsync(http, server.Endpoint, stop.Token);
        Thread.Sleep(baseline);
        cheap.TakeLatencies(); // the first requests warm the JIT and the result cache
        Thread.Sleep(baseline);
        var quiet = Summary.Of(cheap.TakeLatencies());
        var rssBefore = ProcStatus.ReadKiB(server.ProcessId, "VmRSS");

        var t = report.Table($"Hostile requests, {concurrent} at once x {rounds} rounds, while one client loops on a cheap query (quiet p50 {quiet.P50:N1} ms, p95 {quiet.P95:N1} ms)",
            "request", "bytes", "answer", "slowest ms", "cheap p50 ms", "cheap p95 ms", "target", "met");
        var slow = new List<string>();
        var kinds = new List<object>();
        foreach (var hostile in HostileRequest.All(schools.ProbeUrn))
        {
            var outcomes = new List<HostileOutcome>();
            for (var round = 0; round < rounds; round++)
                outcomes.AddRange(Task.WhenAll(Enumerable.Range(0, concurrent).Select(_ => HostileOutcome.SendAsync(http, server.Endpoint, hostile))).GetAwaiter().GetResult());
            var during = Summary.Of(cheap.TakeLatencies());
            var slowest = outcomes.Max(x => x.Ms);
            var answers = string.Join(", ", outcomes.Select(x => $"{x.Status} {x.Code}".Trim()).Distinct());
            var refusedInTime = outcomes.All(x => (x.Refused || !hostile.ExpectRefusal) && x.Status is > 0 and < 500) && slowest < RefusalTarget.TotalMilliseconds;
            if (!refusedInTime) slow.Add(hostile.Kind);
            var cheapMet = during.Count == 0 || during.P95 < CheapP95TargetMs;
            t.Add(hostile.Kind, hostile.Bytes, answers, slowest, during.P50, during.P95,
                hostile.ExpectRefusal ? "refused < 2 s; cheap p95 < 250 ms" : "answered < 2 s; cheap p95 < 250 ms", LoadSection.Met(refusedInTime && cheapMet));
            Console.Error.WriteLine($"[abuse] {hostile.Kind}: {answers}, slowest {slowest:N0} ms, cheap p95 {during.P95:N1} ms");
            kinds.Add(new { kind = hostile.Kind, bytes = hostile.Bytes, answers, slowestMs = slowest, refusedInTime,
                outcomes = outcomes.Select(x => new { status = x.Status, code = x.Code, ms = x.Ms, refused = x.Refused }), cheap = during.ToJson() });
        }

        // Let the API finish what the hostile requests left (closed connections, buffers) before memory is read again.
        Thread.Sleep(baseline);
        var rssAfter = ProcStatus.ReadKiB(server.ProcessId, "VmRSS");
        stop.Cancel();
        loop.GetAwaiter().GetResult();
        var rssMet = rssBefore is > 0 && rssAfter is not null && rssAfter <= rssBefore * (1 + RssTolerance);
        var memory = report.Table("API memory (VmRSS of the child process)", "before hostile requests MiB", "after MiB", "change", "target", "met");
        memory.Add((rssBefore ?? 0) / 1024.0, (rssAfter ?? 0) / 1024.0, rssBefore is > 0 && rssAfter is not null ? $"{(rssAfter.Value - rssBefore.Value) * 100.0 / rssBefore.Value:+0.0;-0.0} %" : "n/a",
            "within 10 %", LoadSection.Met(rssMet));

        report.Figures["dataset"] = dataset.ToJson();
        report.Figures["quietCheap"] = quiet.ToJson();
        report.Figures["kinds"] = kinds;
        report.Figures["rssBeforeKiB"] = rssBefore;
        report.Figures["rssAfterKiB"] = rssAfter;
        report.Figures["cheapErrors"] = cheap.Errors;
        report.Notes.Add($"The API runs with its rate limit off (as in every section: one token sends every request), so each hostile request reaches the query budget; cheap-query errors: {cheap.Errors}.");
        if (slow.Count > 0)
        {
            report.Status = $"hostile requests not refused within {RefusalTarget.TotalSeconds:N0} s: {string.Join("; ", slow)}";
            report.FailsRun = true;
        }
    }
}

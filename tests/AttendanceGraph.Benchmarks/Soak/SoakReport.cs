using AttendanceGraph.Benchmarks.Measurement;
using AttendanceGraph.Benchmarks.Reporting;
using AttendanceGraph.Benchmarks.Sections;

namespace AttendanceGraph.Benchmarks.Soak;

/// <summary>The soak's tables (per minute, per query and period kind, the API process, the loads, the targets) and JSON figures.</summary>
public static class SoakReport
{
    public static void Fill(SectionReport report, SoakOutcome s, bool smoke)
    {
        // Day ranges and the API's CPU per request are beside the throughput because a day range costs several times a
        // named period: a minute with more of them is a costlier minute, not a slower API.
        var minutes = report.Table($"{s.Clients} clients for {s.Duration.TotalMinutes:0.##} min, by minute the request started in",
            "minute", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "req/s", "day ranges %", "API CPU ms/request");
        var perMinute = new List<object>();
        foreach (var g in s.Requests.GroupBy(r => (int)(r.AtSeconds / 60)).OrderBy(g => g.Key))
        {
            var l = Summary.Of(g.Select(r => r.Ms));
            var seconds = Math.Min(60, s.Duration.TotalSeconds - g.Key * 60);
            var dayRanges = 100.0 * g.Count(r => r.PeriodKind == SoakPeriod.DayRange) / g.Count();
            var cpu = s.CpuMsPerRequest(g.Key * 60, g.Key * 60 + seconds, g.Count());
            minutes.Add(g.Key + 1, g.Count(), g.Count(r => !r.Ok), l.P50, l.P95, l.P99, g.Count() / seconds, dayRanges, cpu);
            perMinute.Add(new { minute = g.Key + 1, requests = g.Count(), errors = g.Count(r => !r.Ok), latencyMs = l.ToJson(), dayRangePercent = dayRanges, apiCpuMsPerRequest = cpu });
        }
        var all = s.LatencyMs;
        minutes.Add("all", s.Requests.Count, s.Errors, all.P50, all.P95, all.P99, s.Requests.Count / s.Duration.TotalSeconds,
            100.0 * s.Requests.Count(r => r.PeriodKind == SoakPeriod.DayRange) / Math.Max(1, s.Requests.Count), s.CpuMsPerRequest(0, s.Duration.TotalSeconds, s.Requests.Count));

        var byKind = report.Table("By query and by period kind (whole soak)", "query or period", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms");
        foreach (var g in s.Requests.GroupBy(r => r.Query).Concat(s.Requests.GroupBy(r => r.PeriodKind)).OrderBy(g => g.Key))
        {
            var l = Summary.Of(g.Select(r => r.Ms));
            byKind.Add(g.Key, g.Count(), g.Count(r => !r.Ok), l.P50, l.P95, l.P99, l.Max);
        }

        var process = report.Table("The API process (/proc/PID/status; CPU: user + system since it started)", "s", "RSS MiB", "threads", "CPU s");
        foreach (var p in s.Samples) process.Add(p.AtSeconds, p.RssKiB / 1024.0, p.Threads, p.CpuSeconds);

        var loads = report.Table("Incremental loads (BatchLoader in a child process, into the served warehouse)", "day", "started s", "ETL s", "wall s", "marks", "ok");
        foreach (var l in s.Loads)
            loads.Add(l.Day.ToString("yyyy-MM-dd"), l.StartSeconds, l.Result?.ElapsedMs / 1000, l.EndSeconds - l.StartSeconds, l.Result?.Marks, l.Ok ? "yes" : l.Error);
        var canary = report.Table($"Canary: the LA's possible sessions for the year ({s.Canary.Polls:N0} polls, {s.Canary.Errors} errors)", "first seen s", "value");
        foreach (var (at, value) in s.Canary.Values) canary.Add(at, value);

        var targets = report.Table($"Targets{(smoke ? " (smoke: errors and the canary are enforced; latency and memory only reported)" : "")}", "target", "measured", "met");
        targets.Add("0 errors", $"{s.Errors} of {s.Requests.Count:N0} requests", LoadSection.Met(s.Errors == 0));
        targets.Add("figures change exactly once per load, never back", $"{s.Canary.Values.Count - 1} change(s), {s.Loads.Count(l => l.Ok)} of {s.Loads.Count} load(s) ok", LoadSection.Met(s.CanaryHeld));
        targets.Add($"p95 < {SoakOutcome.P95TargetMs:N0} ms at {s.Clients} clients", $"{MarkdownTable.Format(all.P95)} ms", LoadSection.Met(all.P95 < SoakOutcome.P95TargetMs));
        var memory = s.MemoryAfterFirstMinute;
        targets.Add($"RSS flat within {SoakOutcome.MemoryBand:P0} after the first minute",
            memory is { } m ? $"{m.MinKiB / 1024.0:N0}–{m.MaxKiB / 1024.0:N0} MiB (+{(double)m.MaxKiB / m.MinKiB - 1:P0})" : "fewer than two samples after the first minute",
            s.MemoryFlat is { } flat ? LoadSection.Met(flat) : "—");

        report.Notes.Add($"{s.DistinctRequests:N0} requests (query, period, cohort, school), none repeated on one snapshot: the result cache had never seen any of them. Each load publishes a new snapshot, whose cache starts empty, so the mix starts afresh when the canary sees the new figure and the share of each period kind stays level through the run.");
        if (s.Requests.FirstOrDefault(r => !r.Ok) is { } e) report.Notes.Add($"First error ({e.Query}, {e.PeriodKind}, at {e.AtSeconds:N0} s): {e.Error}");
        if (s.Canary.FirstError is { } ce) report.Notes.Add($"First canary error: {ce}");

        var correct = s.Errors == 0 && s.CanaryHeld;
        var fast = all.P95 < SoakOutcome.P95TargetMs && s.MemoryFlat != false;
        if (!correct) { report.Status = "failed: errors or canary"; report.FailsRun = true; }
        else if (!smoke && !fast) report.Status = "targets not met";

        report.Figures["clients"] = s.Clients;
        report.Figures["seconds"] = s.Duration.TotalSeconds;
        report.Figures["requests"] = s.Requests.Count;
        report.Figures["errors"] = s.Errors;
        report.Figures["latencyMs"] = all.ToJson();
        report.Figures["perMinute"] = perMinute;
        report.Figures["samples"] = s.Samples.Select(p => new { atSeconds = p.AtSeconds, rssKiB = p.RssKiB, threads = p.Threads, cpuSeconds = p.CpuSeconds }).ToList();
        report.Figures["loads"] = s.Loads.Select(l => new { day = l.Day, startSeconds = l.StartSeconds, endSeconds = l.EndSeconds, etlMs = l.Result?.ElapsedMs, marks = l.Result?.Marks, expectedMarks = l.ExpectedMarks, ok = l.Ok, error = l.Error }).ToList();
        report.Figures["canary"] = s.Canary.Values.Select(v => new { atSeconds = v.AtSeconds, value = v.Value }).ToList();
        report.Figures["canaryHeld"] = s.CanaryHeld;
        report.Figures["memoryFlat"] = s.MemoryFlat;
    }
}

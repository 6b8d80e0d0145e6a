using System.Diagnostics;
using AttendanceGraph.Benchmarks.Cli;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Reporting;
using AttendanceGraph.Benchmarks.Sections;

namespace AttendanceGraph.Benchmarks;

/// <summary>
/// Runs the chosen sections in order. A section that throws is reported as crashed with its error and the run goes
/// on; the exit code is 1 when any section crashed, missed a hard target or failed a correctness check, 2 for bad options, else 0.
/// </summary>
public static class BenchmarkRunner
{
    public static int Run(string[] args)
    {
        BenchmarkOptions options;
        try
        {
            if (args.Contains("--help") || args.Contains("-h"))
            {
                Console.WriteLine(BenchmarkOptions.Usage);
                return 0;
            }
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}\n\n{BenchmarkOptions.Usage}");
            return 2;
        }
        if (options.CacheDir.Length == 0) options = options with { CacheDir = DefaultCacheDir() };
        if (options.OutPath.Length == 0) options = options with { OutPath = Path.Combine(options.CacheDir, "benchmark-results.json") };
        var machine = MachineInfo.Detect(args);
        var startedUtc = DateTime.UtcNow;
        var context = new BenchmarkContext(options, machine, new DatasetCache(options.CacheDir, options.Seed));
        Console.WriteLine($"# AttendanceGraph benchmark{(options.Smoke ? " (smoke)" : "")}");
        Console.WriteLine($"_Machine: {machine.Describe()}. Command: `{machine.Command}`. Cache: {options.CacheDir}_");
        Console.WriteLine($"_API builds: {string.Join(", ", options.ApiBuilds)} (export and dashboard measure each side by side; other sections start the {options.ApiBuilds[0]} build){(options.ApiPath is null ? "" : $"; published = {options.ApiPath}")}{(options.ApiEnvironment.Count == 0 ? "" : "; API environment: " + string.Join(" ", options.ApiEnvironment.Select(e => $"{e.Key}={e.Value}")))}_");

        var sections = new ISection[] { new LoadSection(), new DfeSection(), new ApiSection(), new ColdSection(), new OverheadSection(), new PeerSection(), new ScaleSection(), new ProtectionSection(), new PropagationSection(), new AbuseSection(), new SoakSection(), new ExportSection(), new DashboardSection() };
        var reports = new List<SectionReport>();
        var crashed = false;
        foreach (var section in sections.Where(s => options.Sections.Contains(s.Name)))
        {
            var report = new SectionReport(section.Name) { StartedUtc = DateTime.UtcNow };
            reports.Add(report);
            var clock = Stopwatch.StartNew();
            var loadBefore = LoadAverage();
            Console.Error.WriteLine($"[{section.Name}] starting");
            try
            {
                section.Run(context, report);
            }
            catch (Exception e)
            {
                crashed = true;
                report.Status = "crashed";
                report.Message = $"{e.GetType().Name}: {e.Message}";
                report.Figures["exception"] = e.ToString();
            }
            crashed |= report.FailsRun;
            report.Seconds = clock.Elapsed.TotalSeconds;
            report.LoadAverage = (loadBefore, LoadAverage());
            ReportPrinter.Print(report, machine, Console.Out);
            ResultsFile.Write(options.OutPath, machine, startedUtc, OptionsJson(options), reports);
        }
        ResultsFile.Write(options.OutPath, machine, startedUtc, OptionsJson(options), reports);
        Console.WriteLine($"\nJSON: {Path.GetFullPath(options.OutPath)}");
        return crashed ? 1 : 0;
    }

    private static object OptionsJson(BenchmarkOptions o) => new
    {
        pupils = o.Pupils, schools = o.Schools, years = o.Years, seed = o.Seed, runs = o.Runs, requests = o.Requests,
        sections = o.Sections, apiBuilds = o.ApiBuilds, apiPath = o.ApiPath, apiEnvironment = o.ApiEnvironment, concurrency = o.Concurrency, scaleMultiples = o.ScaleMultiples, smoke = o.Smoke, peer = o.Peer,
        clients = o.Clients, soakSeconds = o.SoakDuration.TotalSeconds, loadEverySeconds = o.LoadEvery.TotalSeconds, sampleEverySeconds = o.SampleEvery.TotalSeconds,
        asOf = BenchmarkCalendar.AsOf, incrementalDay = BenchmarkCalendar.IncrementalDay,
    };

    /// <summary>The machine's 1-minute load average (/proc/loadavg), null where there is none: the shared machine's other load.</summary>
    private static double? LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return null; }
    }

    /// <summary>tests/AttendanceGraph.Benchmarks/cache in the repository (gitignored), else ./benchmark-cache.</summary>
    private static string DefaultCacheDir()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AttendanceGraph.sln"))) dir = dir.Parent;
        return dir is null ? Path.GetFullPath("benchmark-cache") : Path.Combine(dir.FullName, "tests", "AttendanceGraph.Benchmarks", "cache");
    }
}

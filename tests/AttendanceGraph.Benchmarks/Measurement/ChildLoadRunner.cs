using System.Diagnostics;
using AttendanceGraph.Benchmarks.Cli;

namespace AttendanceGraph.Benchmarks.Measurement;

/// <summary>
/// Runs <see cref="ChildLoadCommand"/> in a child `dotnet` process. Its peak RSS is the VmHWM it reports just before
/// exiting: a high-water mark, so nothing polled from outside could be higher.
/// </summary>
public static class ChildLoadRunner
{
    public static ChildLoadResult Run(string warehouse, IReadOnlyList<string> inputs, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(DotnetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(ChildLoadRunner).Assembly.Location);
        start.ArgumentList.Add(ChildLoadCommand.Verb);
        start.ArgumentList.Add(warehouse);
        foreach (var i in inputs) start.ArgumentList.Add(i);
        // The ETL's command line is compiled without tiers (etl/Cli's project); the child load runs as it would, while the
        // rest of the benchmark (its clients, its in-process queries) keeps the runtime's default.
        start.Environment["DOTNET_TieredCompilation"] = "0";
        var wall = Stopwatch.StartNew();
        using var p = Process.Start(start) ?? throw new InvalidOperationException("could not start the child load");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"child load exceeded {timeout.TotalSeconds:N0} s");
        }
        wall.Stop();
        var output = stdout.Result;
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (p.ExitCode != 0 || line is null)
            throw new InvalidOperationException($"child load failed (exit {p.ExitCode}): {Tail(stderr.Result + output)}");
        var f = line.Split(' ');
        var steps = output.Split('\n').Where(l => l.StartsWith("STEP ", StringComparison.Ordinal)).Select(l => l[5..].TrimEnd('\r')).ToList();
        return new ChildLoadResult(double.Parse(f[1]), long.Parse(f[2]), long.Parse(f[3]), wall.Elapsed.TotalMilliseconds, long.Parse(f[4])) { Steps = steps };
    }

    private static string Tail(string s) => s.Length <= 2000 ? s.Trim() : "…" + s[^2000..].Trim();
}

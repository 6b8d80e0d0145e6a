using System.Diagnostics;

namespace AttendanceGraph.Benchmarks.Peer;

/// <summary>Runs a command to completion, capturing its output; throws with the output tail when it fails.</summary>
public static class ProcessRunner
{
    public static string Run(string file, IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? environment = null, bool check = true)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        if (environment is not null) foreach (var (k, v) in environment) start.Environment[k] = v;
        using var p = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} exceeded {timeout.TotalSeconds:N0} s");
        }
        p.WaitForExit();
        if (check && p.ExitCode != 0)
        {
            var all = (stderr.Result + "\n" + stdout.Result).Trim();
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited {p.ExitCode}: {(all.Length > 1500 ? "…" + all[^1500..] : all)}");
        }
        return stdout.Result;
    }
}

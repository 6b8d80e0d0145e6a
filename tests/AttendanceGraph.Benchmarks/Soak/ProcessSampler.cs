using System.Diagnostics;
using AttendanceGraph.Benchmarks.Measurement;

namespace AttendanceGraph.Benchmarks.Soak;

/// <summary>
/// The API process's resident set and thread count at one moment (from /proc/PID/status), and the CPU it has used since it
/// started (user + system): the CPU per request between two samples does not depend on how much of the machine other
/// processes took, which throughput on a shared machine does.
/// </summary>
public sealed record ProcessSample(double AtSeconds, long? RssKiB, long? Threads, double? CpuSeconds);

/// <summary>Samples the API process at a fixed interval on its own thread until disposed (one last sample then).</summary>
public sealed class ProcessSampler : IDisposable
{
    private readonly int pid;
    private readonly Stopwatch clock;
    private readonly List<ProcessSample> samples = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public ProcessSampler(int pid, Stopwatch clock, TimeSpan every)
    {
        this.pid = pid;
        this.clock = clock;
        loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(every);
            Sample();
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token)) Sample();
            }
            catch (OperationCanceledException) { }
        });
    }

    public IReadOnlyList<ProcessSample> Samples
    {
        get { lock (samples) return samples.ToList(); }
    }

    private void Sample()
    {
        var sample = new ProcessSample(clock.Elapsed.TotalSeconds, ProcStatus.ReadKiB(pid, "VmRSS"), ProcStatus.ReadKiB(pid, "Threads"), CpuSeconds());
        lock (samples) samples.Add(sample);
        Console.Error.WriteLine($"[soak] {sample.AtSeconds,5:N0} s: API RSS {sample.RssKiB / 1024.0:N0} MiB, {sample.Threads} threads, CPU {sample.CpuSeconds:N1} s");
    }

    private double? CpuSeconds()
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime.TotalSeconds;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return null; // the API has exited
        }
    }

    public void Dispose()
    {
        stop.Cancel();
        loop.Wait();
        Sample();
        stop.Dispose();
    }
}

using System.Diagnostics;
using AttendanceGraph.Benchmarks.Measurement;

namespace AttendanceGraph.Benchmarks.Soak;

/// <summary>One incremental load during the soak: the day, when it ran (seconds into the soak), what the ETL reported.</summary>
public sealed record SoakLoad(DateOnly Day, double StartSeconds, double EndSeconds, long ExpectedMarks, ChildLoadResult? Result, string? Error)
{
    public bool Ok => Result is not null && Result.Marks == ExpectedMarks && Error is null;
}

/// <summary>
/// Loads the held-back days one at a time, every <c>every</c>, through the real ETL (<see cref="ChildLoadRunner"/>:
/// BatchLoader in a child process, as the ETL command runs beside the API in production) into the warehouse the API
/// serves, on its own thread.
/// </summary>
public sealed class IncrementalLoads
{
    private readonly List<SoakLoad> loads = [];
    private readonly Task loop;

    public IncrementalLoads(SoakWarehouse warehouse, Stopwatch clock, TimeSpan every, int count, CancellationToken stop)
    {
        loop = Task.Run(() =>
        {
            for (var i = 0; i < count && !stop.IsCancellationRequested; i++)
            {
                var due = every * (i + 1) - clock.Elapsed;
                if (due > TimeSpan.Zero && stop.WaitHandle.WaitOne(due)) return;
                var (day, folder, marks) = warehouse.HeldBackDays[i];
                var start = clock.Elapsed.TotalSeconds;
                Console.Error.WriteLine($"[soak] {start,5:N0} s: loading {day:yyyy-MM-dd} ({marks:N0} marks)");
                SoakLoad load;
                try
                {
                    var result = ChildLoadRunner.Run(warehouse.Paths.Root, [folder], TimeSpan.FromMinutes(5));
                    load = new SoakLoad(day, start, clock.Elapsed.TotalSeconds, marks, result,
                        result.Marks == marks ? null : $"loaded {result.Marks:N0} of {marks:N0} marks");
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException)
                {
                    load = new SoakLoad(day, start, clock.Elapsed.TotalSeconds, marks, null, e.Message);
                }
                lock (loads) loads.Add(load);
            }
        });
    }

    /// <summary>Waits for a load in progress to finish, then the loads that ran.</summary>
    public IReadOnlyList<SoakLoad> Finish()
    {
        loop.Wait();
        lock (loads) return loads.ToList();
    }
}

using AttendanceGraph.Benchmarks.Measurement;
using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Benchmarks.Cli;

/// <summary>
/// The child side of a measured load: <c>--child-load WAREHOUSE INPUT...</c> runs the ETL's BatchLoader (validation
/// included, same defaults as <c>attendancegraph-etl load</c>) in its own process, so its peak RSS is the ETL's alone,
/// then prints one RESULT line: elapsed ms, marks loaded, VmHWM (peak resident set) in KiB and DfE session-totals rows loaded.
/// The loader's step lines (what `attendancegraph-etl load` prints, with each step's time) come before it as STEP lines.
/// </summary>
public static class ChildLoadCommand
{
    public const string Verb = "--child-load";

    public static int Run(IReadOnlyList<string> args)
    {
        var paths = new WarehousePaths(args[0]);
        paths.EnsureCreated();
        var result = new BatchLoader(paths, new StepLines()).Load(args.Skip(1).ToList(), new LoadOptions(LaCode: new GeneratorOptions().LaCode));
        Console.WriteLine($"RESULT {result.Elapsed.TotalMilliseconds:F1} {result.Marks} {ProcStatus.ReadKiB(Environment.ProcessId, "VmHWM") ?? -1} {result.SessionTotals}");
        return 0;
    }

    /// <summary>The loader's progress, printed as it happens (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class StepLines : IProgress<string>
    {
        public void Report(string value) => Console.WriteLine($"STEP {value}");
    }
}

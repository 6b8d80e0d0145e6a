using AttendanceGraph.Benchmarks.Measurement;
using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Benchmarks.Cli;

/// <summary>
/// The child side of a measured load: <c>--child-load WAREHOUSE INPUT...</c> runs the ETL's BatchLoader (validation
/// included, same defaults as <c>attendancegraph-etl load</c>) in its own process, so its peak RSS is the ETL's alone,
/// then prints one RESULT line: elapsed ms, marks loaded, VmHWM (peak resident set) in KiB and DfE session-totals rows loaded.
/// </summary>
public static class ChildLoadCommand
{
    public const string Verb = "--child-load";

    public static int Run(IReadOnlyList<string> args)
    {
        var paths = new WarehousePaths(args[0]);
        paths.EnsureCreated();
        var result = new BatchLoader(paths).Load(args.Skip(1).ToList(), new LoadOptions(LaCode: new GeneratorOptions().LaCode));
        Console.WriteLine($"RESULT {result.Elapsed.TotalMilliseconds:F1} {result.Marks} {ProcStatus.ReadKiB(Environment.ProcessId, "VmHWM") ?? -1} {result.SessionTotals}");
        return 0;
    }
}

using AttendanceGraph.Benchmarks;
using AttendanceGraph.Benchmarks.Cli;

if (args.Length > 0 && args[0] == ChildLoadCommand.Verb) return ChildLoadCommand.Run(args.Skip(1).ToList());
return BenchmarkRunner.Run(args);

using AttendanceGraph.Benchmarks.Cli;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Reporting;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>What every section shares: the options, the machine, the data cache.</summary>
public sealed record BenchmarkContext(BenchmarkOptions Options, MachineInfo Machine, DatasetCache Cache)
{
    public Dataset MainDataset() => Cache.Get(Options.Pupils, Options.Schools, Options.Years);
}

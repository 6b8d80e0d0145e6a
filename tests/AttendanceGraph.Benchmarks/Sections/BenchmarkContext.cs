using AttendanceGraph.Benchmarks.Api;
using AttendanceGraph.Benchmarks.Cli;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Reporting;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>What every section shares: the options, the machine, the data cache, the API's builds.</summary>
public sealed record BenchmarkContext(BenchmarkOptions Options, MachineInfo Machine, DatasetCache Cache)
{
    private readonly Dictionary<string, ApiBuild> builds = [];

    public Dataset MainDataset() => Cache.Get(Options.Pupils, Options.Schools, Options.Years);

    /// <summary>Every build of `--api-build`, in order (the published one published once per run, on first use).</summary>
    public IReadOnlyList<ApiBuild> ApiBuilds() => Options.ApiBuilds.Select(Build).ToList();

    /// <summary>The build a section that is not about first visits starts: the first of `--api-build`.</summary>
    public ApiBuild Api() => Build(Options.ApiBuilds[0]);

    private ApiBuild Build(string name)
    {
        lock (builds)
        {
            if (builds.TryGetValue(name, out var b)) return b;
            b = name == ApiBuild.Run ? ApiBuild.Beside()
                : Options.ApiPath is { } path ? ApiBuild.FromPath(path)
                : ApiBuild.Publish();
            builds[name] = b = b with { Environment = Options.ApiEnvironment };
            return b;
        }
    }
}

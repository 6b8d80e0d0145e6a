using AttendanceGraph.Benchmarks.Measurement;
using AttendanceGraph.Benchmarks.Peer;

namespace AttendanceGraph.Benchmarks.Api;

/// <summary>
/// Which build of the API a section starts (`--api-build`). `run`: the Release build beside this benchmark, made by
/// `dotnet run -c Release` through the project reference: IL, compiled by the JIT as it runs. `published`: the API as
/// docs/deployment.md deploys it, `dotnet publish api -c Release` (ReadyToRun: precompiled, so a fresh process JITs
/// little), published by this run into api-published/ beside the benchmark, or the AttendanceGraph.Api.dll given with `--api`.
/// </summary>
public sealed record ApiBuild(string Name, string Dll)
{
    /// <summary>Set on the API process (`--api-env`): runtime settings to compare, none by default.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public const string Run = "run", Published = "published";
    public static readonly string[] Names = [Run, Published];

    /// <summary>The build beside this benchmark (copied by the project reference), else the api project's own output.</summary>
    public static ApiBuild Beside()
    {
        var here = AppContext.BaseDirectory;
        var beside = Path.Combine(here, "AttendanceGraph.Api.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(here, "AttendanceGraph.Api.runtimeconfig.json"))) return new(Run, beside);
        var config = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var built = Path.Combine(AttendanceGraph.Tests.Api.RepositoryRoot.Find(), "api", "bin", config, "net10.0", "AttendanceGraph.Api.dll");
        return File.Exists(built) ? new(Run, built) : throw new FileNotFoundException("AttendanceGraph.Api.dll not found; build the api project");
    }

    /// <summary>
    /// `dotnet publish api -c Release -o api-published` beside the benchmark (the documented production publish, its
    /// settings from the api project), into an emptied folder so nothing of an older publish is left; incremental, so
    /// seconds when nothing changed since the last publish.
    /// </summary>
    public static ApiBuild Publish()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "api-published");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var project = Path.Combine(AttendanceGraph.Tests.Api.RepositoryRoot.Find(), "api", "AttendanceGraph.Api.csproj");
        Console.Error.WriteLine($"[api] dotnet publish {project} -c Release -o {output}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ProcessRunner.Run(DotnetHost.Path, ["publish", project, "-c", "Release", "-o", output, "--nologo"], TimeSpan.FromMinutes(20));
        Console.Error.WriteLine($"[api] published in {clock.Elapsed.TotalSeconds:N0} s");
        return FromPath(Path.Combine(output, "AttendanceGraph.Api.dll"));
    }

    /// <summary>A published AttendanceGraph.Api.dll (`--api PATH`), checked to have its runtimeconfig beside it.</summary>
    public static ApiBuild FromPath(string dll)
    {
        var full = Path.GetFullPath(dll);
        if (!File.Exists(full) || !File.Exists(Path.ChangeExtension(full, ".runtimeconfig.json")))
            throw new FileNotFoundException($"{full} is not a published AttendanceGraph.Api.dll (it, and its runtimeconfig.json beside it, must exist)");
        return new(Published, full);
    }
}

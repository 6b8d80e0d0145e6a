namespace AttendanceGraph.Benchmarks.Measurement;

/// <summary>The `dotnet` host that runs child processes: the SDK's own (DOTNET_HOST_PATH under `dotnet run`), else PATH.</summary>
public static class DotnetHost
{
    public static string Path =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } p && File.Exists(p) ? p
        : Environment.ProcessPath is { } self && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}

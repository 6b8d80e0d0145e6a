namespace AttendanceGraph.Api.Hosting;

/// <summary>
/// Which hosting environment the API starts in. <c>dotnet run</c> applies a launch profile's variables over the
/// caller's own, so a profile that set ASPNETCORE_ENVIRONMENT made <c>ASPNETCORE_ENVIRONMENT=Production dotnet run</c>
/// start in Development and print development tokens. The profile therefore only sets a default
/// (<see cref="DefaultVariable"/>), taken when nobody chose an environment explicitly.
/// </summary>
public static class LaunchEnvironment
{
    public const string DefaultVariable = "ATTENDANCEGRAPH_DEFAULT_ENVIRONMENT";

    public static WebApplicationOptions Options(string[] args) =>
        new() { Args = args, EnvironmentName = Choose(args, Environment.GetEnvironmentVariable) };

    /// <summary>Null (the host's own rules) when an environment was named explicitly; otherwise the launch profile's default.</summary>
    public static string? Choose(string[] args, Func<string, string?> variable)
    {
        var explicitly = !string.IsNullOrEmpty(variable("ASPNETCORE_ENVIRONMENT"))
            || !string.IsNullOrEmpty(variable("DOTNET_ENVIRONMENT"))
            || args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase));
        if (explicitly) return null;
        var fallback = variable(DefaultVariable);
        return string.IsNullOrEmpty(fallback) ? null : fallback;
    }
}

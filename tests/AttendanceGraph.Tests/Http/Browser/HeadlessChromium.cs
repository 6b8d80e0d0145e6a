using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AttendanceGraph.Tests.Http.Browser;

/// <summary>
/// Debian's chromium started headless with a throw-away profile and DevTools on a free loopback port.
/// If chromium is absent it is installed by scripts/install-test-deps.sh so the browser test never
/// passes vacuously.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly string _profileDir;

    private HeadlessChromium(Process process, string profileDir, int devToolsPort)
    {
        _process = process;
        _profileDir = profileDir;
        DevToolsPort = devToolsPort;
    }

    public int DevToolsPort { get; }

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        await EnsureInstalledAsync();

        var profileDir = Directory.CreateTempSubdirectory("attendancegraph-chromium-").FullName;
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
            $"--user-data-dir={profileDir}", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        // Drain the pipes so a chatty browser never blocks on a full stderr buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var port = await ReadDevToolsPortAsync(profileDir, process);
            return new HeadlessChromium(process, profileDir, port);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>Connects to the page chromium opened at start-up.</summary>
    public async Task<CdpConnection> ConnectToPageAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{DevToolsPort}") };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var targets = await http.GetFromJsonAsync<JsonArray>("/json/list") ?? [];
            var page = targets.FirstOrDefault(t => t?["type"]?.GetValue<string>() == "page");
            if (page?["webSocketDebuggerUrl"]?.GetValue<string>() is { } url)
            {
                return await CdpConnection.ConnectAsync(new Uri(url), CancellationToken.None);
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("chromium exposed no page target over DevTools");
            }
            await Task.Delay(100);
        }
    }

    private static async Task<int> ReadDevToolsPortAsync(string profileDir, Process process)
    {
        // Chromium writes the port it bound (first line) once DevTools is listening.
        var file = Path.Combine(profileDir, "DevToolsActivePort");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"chromium exited early with code {process.ExitCode}");
            }
            if (File.Exists(file))
            {
                var lines = await File.ReadAllLinesAsync(file);
                if (lines.Length > 0 && int.TryParse(lines[0], out var port) && port > 0)
                {
                    return port;
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("chromium did not write DevToolsActivePort within 30 s");
    }

    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }
        var script = Path.Combine(RepositoryRoot(), "scripts", "install-test-deps.sh");
        using var install = Process.Start(new ProcessStartInfo("bash", [script]))
            ?? throw new InvalidOperationException($"could not run {script}");
        await install.WaitForExitAsync();
        if (install.ExitCode != 0 || !File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{script} exited with {install.ExitCode} and {ExecutablePath} is still missing; the GraphiQL browser test cannot run.");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AttendanceGraph.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("AttendanceGraph.sln not found above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_profileDir, recursive: true);
        }
        catch (IOException)
        {
            // A crash-reporter child may still hold a file for a moment; a stray temp dir is harmless.
        }
    }
}

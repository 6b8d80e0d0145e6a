using System.Diagnostics;
using AttendanceGraph.Tests.Api;
using PuppeteerSharp;

namespace AttendanceGraph.Tests.Browser;

/// <summary>
/// Debian's chromium driven by PuppeteerSharp (a maintained DevTools-protocol client) rather than a hand-written one. It
/// is pointed at /usr/bin/chromium because no test tool can download its own browser here; if chromium is missing,
/// scripts/install-test-deps.sh installs it, so a browser test never passes vacuously.
/// </summary>
public static class SystemChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync()
    {
        await EnsureInstalledAsync();
        return await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // The machine's network is closed: without these, chromium's background services try Google's hosts at start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    private static async Task EnsureInstalledAsync()
    {
        if (File.Exists(ExecutablePath)) return;
        var script = Path.Combine(RepositoryRoot.Find(), "scripts", "install-test-deps.sh");
        using var install = Process.Start(new ProcessStartInfo("bash", [script])) ?? throw new InvalidOperationException($"could not run {script}");
        await install.WaitForExitAsync();
        if (install.ExitCode != 0 || !File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{script} exited with {install.ExitCode} and {ExecutablePath} is still missing; the browser tests cannot run.");
    }
}

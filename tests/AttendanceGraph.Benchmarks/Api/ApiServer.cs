using System.Diagnostics;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Benchmarks.Measurement;

namespace AttendanceGraph.Benchmarks.Api;

/// <summary>
/// The real API (AttendanceGraph.Api.dll of the <see cref="ApiBuild"/> asked for: built by `dotnet run` through the
/// project reference, or published as deployed) in a child process on a free loopback port, serving an existing
/// warehouse with demo generation off. Stopped (by its own id) on dispose.
/// </summary>
public sealed class ApiServer : IDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder log = new();

    private ApiServer(Process process, Uri endpoint, string token)
    {
        this.process = process;
        Endpoint = endpoint;
        Token = token;
    }

    public Uri Endpoint { get; }

    /// <summary>An la-lead bearer token signed with this run's throwaway key.</summary>
    public string Token { get; }
    public int ProcessId => process.Id;

    /// <param name="resultCache">False serves every request from the warehouse (Warehouse:ResultCacheEntries=0).</param>
    /// <param name="warm">Warm the dashboard's opening pages on publish (Dashboard:Warm), and log when done (<see cref="WaitForWarm"/>).
    /// Off otherwise: the background pages would share the cores with what a section measures.</param>
    public static ApiServer Start(ApiBuild build, string warehouse, TimeSpan startupTimeout, bool resultCache = true, bool warm = false)
    {
        // The API runs as in production, so it needs JWT settings: a random key per run, never written anywhere.
        var jwt = new JwtSettings { Issuer = "attendancegraph-benchmark", Audience = "attendancegraph",
            SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)) };
        var dll = build.Dll;
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in new[] { $"--Warehouse:Path={warehouse}", "--Warehouse:GenerateDemoWhenEmpty=false", $"--Urls=http://127.0.0.1:{port}",
                     "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
                     $"--Authentication:Jwt:Issuer={jwt.Issuer}", $"--Authentication:Jwt:Audience={jwt.Audience}",
                     $"--Authentication:Jwt:SigningKey={jwt.SigningKey}", $"--Warehouse:ResultCacheEntries={(resultCache ? 4096 : 0)}",
                     // Every request carries the one benchmark token, so the per-user limit would measure itself.
                     "--RateLimit:Enabled=false", $"--Dashboard:Warm:Enabled={warm}", "--Dashboard:Warm:PollInterval=00:00:00.250",
                     $"--Logging:LogLevel:{WarmerCategory}=Information", $"--Logging:LogLevel:{PageTimingCategory}=Debug" })
            start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in build.Environment) start.Environment[name] = value;
        var p = Process.Start(start) ?? throw new InvalidOperationException("could not start the API");
        var server = new ApiServer(p, new Uri($"http://127.0.0.1:{port}/graphql"), TokenIssuer.Create(jwt, "benchmark", Roles.LaLead));
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (server.log) server.log.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (server.log) server.log.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        server.WaitUntilReady(startupTimeout);
        return server;
    }

    private void WaitUntilReady(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"the API exited with {process.ExitCode}: {Log()}");
            try
            {
                using var content = new StringContent("{\"query\":\"{ __typename }\"}", System.Text.Encoding.UTF8, "application/json");
                using var response = http.PostAsync(Endpoint, content).GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Thread.Sleep(200);
        }
        Dispose();
        throw new TimeoutException($"the API did not answer within {timeout.TotalSeconds:N0} s: {Log()}");
    }

    private const string WarmerCategory = "AttendanceGraph.Api.Dashboard.DashboardWarmer";

    /// <summary>Waits for the warmer's log line and returns the milliseconds it reports the warm took.</summary>
    public double WaitForWarm(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var done = new System.Text.RegularExpressions.Regex(@"Warmed the dashboard's opening pages for snapshot \S+ in (\d+) ms");
        while (clock.Elapsed < timeout)
        {
            string text;
            lock (log) text = log.ToString();
            if (done.Match(text) is { Success: true } m) return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (text.Contains("Warming the dashboard", StringComparison.Ordinal)) throw new InvalidOperationException($"warming failed: {Log()}");
            if (process.HasExited) throw new InvalidOperationException($"the API exited with {process.ExitCode}: {Log()}");
            Thread.Sleep(100);
        }
        throw new TimeoutException($"the dashboard was not warmed within {timeout.TotalSeconds:N0} s: {Log()}");
    }

    private const string PageTimingCategory = "AttendanceGraph.Api.Dashboard.DashboardTiming";

    /// <summary>
    /// The timing the API logged for the <paramref name="nth"/> dashboard page it answered (0 = the first), in its
    /// Server-Timing form (<c>graphql;dur=…;desc="N GraphQL documents", page;dur=…, first-byte;dur=…</c>): a streamed page
    /// sends its headers before its time is known, so the log is where every page's time is. The line is written when the
    /// response has ended, so it is waited for (up to <paramref name="timeout"/>); null if none came.
    /// </summary>
    public string? PageTiming(int nth, TimeSpan timeout)
    {
        var line = new System.Text.RegularExpressions.Regex(@"Dashboard page \S* answered \d+[^:]*: (graphql;dur=[^\r\n]*)");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            string text;
            lock (log) text = log.ToString();
            var found = line.Matches(text);
            if (found.Count > nth) return found[nth].Groups[1].Value;
            if (clock.Elapsed > timeout || process.HasExited) return null;
            Thread.Sleep(20);
        }
    }

    public string Log()
    {
        lock (log) return log.Length <= 3000 ? log.ToString() : "…" + log.ToString()[^3000..];
    }

    public long? PeakRssKiB => ProcStatus.ReadKiB(process.Id, "VmHWM");

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
        process.Dispose();
    }
}

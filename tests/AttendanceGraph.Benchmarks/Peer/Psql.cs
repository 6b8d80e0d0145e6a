using System.Globalization;
using System.Text.RegularExpressions;

namespace AttendanceGraph.Benchmarks.Peer;

/// <summary>
/// Talks to the peer through psql (no extra NuGet dependency): each script runs with \timing on and its results sent
/// to /dev/null, and the server round-trip time psql reports for each statement ("Time: … ms") is returned in order.
/// </summary>
public sealed partial class Psql(int port)
{
    private static readonly string Binary = File.Exists("/usr/lib/postgresql/15/bin/psql") ? "/usr/lib/postgresql/15/bin/psql" : "psql";

    private IEnumerable<string> Args() => ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", port.ToString(), "-U", "postgres", "-d", "postgres"];

    public string Scalar(string sql) =>
        ProcessRunner.Run(Binary, Args().Concat(["-At", "-c", sql]), TimeSpan.FromMinutes(5)).Trim();

    public IReadOnlyList<double> TimedScript(IEnumerable<string> statements, TimeSpan timeout)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ag-bench-{Guid.NewGuid():N}.sql");
        File.WriteAllText(file, "\\timing on\n\\o /dev/null\n" + string.Join("\n", statements.Select(s => s.TrimEnd().TrimEnd(';') + ";")) + "\n");
        try
        {
            var output = ProcessRunner.Run(Binary, Args().Concat(["-f", file]), timeout);
            return TimeLine().Matches(output).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"^Time: ([0-9.]+) ms", RegexOptions.Multiline)]
    private static partial Regex TimeLine();
}

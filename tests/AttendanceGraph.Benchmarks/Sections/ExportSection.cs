using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AttendanceGraph.Benchmarks.Api;
using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Benchmarks.Measurement;
using AttendanceGraph.Benchmarks.Reporting;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>
/// Issue 14: the BI table by school × week for the year (the persisted document bi/school-weekly-table) fetched three
/// ways through the real API: as JSON pages the way a BI tool pages (POST documentId, 200 rows a page, following
/// endCursor), as one CSV and as one Parquet export (every page streamed). Time to last byte and rows/s. Each fetch is
/// uncached: a fresh API process (result cache on, as in production), warmed with the same table for another period,
/// so the measured table is computed cold every time. Target: CSV faster than the JSON pages, and under 2 s. Each build
/// of `--api-build` (as `dotnet run` builds it, as published) side by side: a fresh process is also the JIT's first run.
/// </summary>
public sealed class ExportSection : ISection
{
    private const string DocumentName = "bi/school-weekly-table";
    private static readonly string[] Formats = ["json pages", "csv", "parquet"];

    public string Name => "export";

    public void Run(BenchmarkContext context, SectionReport report)
    {
        var dataset = context.MainDataset();
        var paths = context.Cache.Warehouse(dataset);
        report.DataDescription = dataset.Describe();
        var year = new { academicYear = BenchmarkCalendar.YearLabel };
        var warmUp = new { academicYear = BenchmarkCalendar.YearLabel, term = "AUTUMN", halfTerm = 1 };
        var builds = context.ApiBuilds();
        var times = builds.SelectMany(b => Formats.Select(f => (b.Name, f))).ToDictionary(k => k, _ => new List<double>());
        var rows = times.Keys.ToDictionary(k => k, _ => 0L);
        var bytes = times.Keys.ToDictionary(k => k, _ => 0L);
        var firstPage = builds.ToDictionary(b => b.Name, _ => new List<double>());
        for (var run = 0; run < context.Options.Runs; run++)
        {
            foreach (var format in Formats)
                foreach (var build in builds) // side by side: each format fetched from each build in turn
                {
                    using var server = ApiServer.Start(build, paths.Root, TimeSpan.FromSeconds(120));
                    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
                    var id = DocumentId(http, server.Endpoint);
                    Fetch(http, server.Endpoint, id, warmUp, format, []);
                    var clock = Stopwatch.StartNew();
                    var (r, b) = Fetch(http, server.Endpoint, id, year, format, firstPage[build.Name]);
                    times[(build.Name, format)].Add(clock.Elapsed.TotalMilliseconds);
                    rows[(build.Name, format)] = r;
                    bytes[(build.Name, format)] = b;
                }
        }
        var t = report.Table($"BI table school × week, {BenchmarkCalendar.YearLabel}, uncached, {context.Options.Runs} runs each (time to last byte)",
            "API build", "format", "rows", "bytes", "p50 ms", "min ms", "max ms", "rows/s (p50)", "target", "met");
        var figures = new List<object>();
        var firstPages = new Dictionary<string, object>();
        foreach (var build in builds)
        {
            var json = Summary.Of(times[(build.Name, "json pages")]);
            foreach (var format in Formats)
            {
                var k = (build.Name, format);
                var s = Summary.Of(times[k]);
                var target = format == "csv" ? "< JSON pages and < 2,000 ms" : "";
                var met = format == "csv" ? LoadSection.Met(s.P50 < json.P50 && s.P50 < 2000 && rows[k] == rows[(build.Name, "json pages")]) : "";
                t.Add(build.Name, format, rows[k], bytes[k], s.P50, s.Min, s.Max, rows[k] / (s.P50 / 1000), target, met);
                figures.Add(new { build = build.Name, format, rows = rows[k], bytes = bytes[k], ms = s.ToJson(), rowsPerSecond = rows[k] / (s.P50 / 1000) });
            }
            var first = Summary.Of(firstPage[build.Name]);
            t.Add(build.Name, "(json: first page alone)", 200, "", first.P50, first.Min, first.Max, "", "", "");
            firstPages[build.Name] = first.ToJson();
        }
        report.Figures["dataset"] = dataset.ToJson();
        report.Figures["apiBuilds"] = builds.Select(b => new { build = b.Name, dll = b.Dll }).ToList();
        report.Figures["formats"] = figures;
        report.Figures["jsonFirstPageMs"] = firstPages;
        report.Notes.Add("The first JSON page alone is the cold computation of the whole table (every page after it, and every page of an export after its first, is a result-cache hit): it bounds how fast any format can be.");
        report.Notes.Add("Each fetch starts its own API process (result cache on, as in production) and warms it with the same document for the first half term, so the year's table is computed cold; JSON pages are fetched one after another as a BI tool pages (200 rows, the page size the query budget allows for 24 columns). As la-lead (exact figures); rows counted from the JSON nodes, the CSV's lines and, by DuckDB, the Parquet file (after the clock stops).");
        report.Notes.Add(ApiBuildNote(builds));
    }

    /// <summary>Which API each build row measured (`--api-build`).</summary>
    internal static string ApiBuildNote(IReadOnlyList<ApiBuild> builds) =>
        "API builds: " + string.Join("; ", builds.Select(b => $"{b.Name} = {b.Dll}{string.Concat(b.Environment.Select(e => $" {e.Key}={e.Value}"))}")) +
        " (run: the Release build `dotnet run` makes, compiled by the JIT as it runs; published: `dotnet publish api -c Release`, ReadyToRun, as docs/deployment.md deploys it).";

    private static string DocumentId(HttpClient http, Uri endpoint)
    {
        var listing = http.GetFromJsonAsync<JsonObject>(new Uri(endpoint, "graphql/documents")).GetAwaiter().GetResult()!;
        return listing["documents"]!.AsArray().Single(d => (string?)d!["name"] == DocumentName)!["id"]!.ToString();
    }

    /// <summary>Rows and bytes of the whole table in one format.</summary>
    private static (long Rows, long Bytes) Fetch(HttpClient http, Uri endpoint, string id, object period, string format, List<double> firstPageMs)
    {
        if (format == "json pages")
        {
            long rows = 0, bytes = 0;
            var clock = Stopwatch.StartNew();
            string? after = null;
            do
            {
                using var response = http.PostAsJsonAsync(endpoint, new { documentId = id, variables = new { period, first = 200, after } }).GetAwaiter().GetResult();
                var body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
                bytes += body.Length;
                var text = System.Text.Encoding.UTF8.GetString(body);
                var table = JsonNode.Parse(text)!["data"]?["measureTable"] ?? throw new InvalidOperationException("JSON page failed: " + text[..Math.Min(300, text.Length)]);
                if (rows == 0) firstPageMs.Add(clock.Elapsed.TotalMilliseconds);
                rows += table["nodes"]!.AsArray().Count;
                after = (bool)table["pageInfo"]!["hasNextPage"]! ? (string?)table["pageInfo"]!["endCursor"] : null;
            }
            while (after is not null);
            return (rows, bytes);
        }
        var variables = Uri.EscapeDataString(JsonSerializer.Serialize(new { period }));
        using var file = http.GetAsync(new Uri(endpoint + $"?documentId={id}&variables={variables}&format={format}"), HttpCompletionOption.ResponseHeadersRead)
            .GetAwaiter().GetResult();
        if (!file.IsSuccessStatusCode) throw new InvalidOperationException($"{format} export failed: {(int)file.StatusCode} {file.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        var content = file.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        return (format == "csv" ? content.Count(b => b == (byte)'\n') - 1 : ParquetRows(content), content.Length);
    }

    /// <summary>Rows in a Parquet file, counted by DuckDB (after the clock has stopped).</summary>
    private static long ParquetRows(byte[] file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bench-export-{Guid.NewGuid():N}.parquet");
        File.WriteAllBytes(path, file);
        try
        {
            using var connection = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT count(*) FROM read_parquet('{path}')";
            return Convert.ToInt64(command.ExecuteScalar());
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Http;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Api.Telemetry;

/// <summary>
/// The API's own instruments (meter "AttendanceGraph"), scraped at /metrics in Prometheus format. Tags are bounded
/// and never carry pupil data: an operation name, a format, a status code, a rejection reason.
/// </summary>
public sealed partial class AttendanceGraphMetrics : IDisposable
{
    public const string MeterName = "AttendanceGraph";

    /// <summary>Distinct operation names kept as tags; later new names count as "other" (names are chosen by clients).</summary>
    private const int MaxOperationNames = 200;

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _rejections;
    private readonly ConcurrentDictionary<string, bool> _operations = new(StringComparer.Ordinal);

    public AttendanceGraphMetrics(WarehouseReader reader, WarehousePaths paths, TimeProvider clock)
    {
        _requests = _meter.CreateCounter<long>("attendancegraph.graphql.requests", "{request}", "GraphQL requests answered, by operation, format and status.");
        _duration = _meter.CreateHistogram<double>("attendancegraph.graphql.request.duration", "s",
            "Time from the first byte read to the last byte written (an export: to the file's last page), by operation and format.");
        _rejections = _meter.CreateCounter<long>("attendancegraph.requests.rejected", "{request}",
            "Requests refused, by reason: an error code (COMPLEXITY, QUERY_TOO_LARGE, TIMEOUT, PERSISTED_DOCUMENTS_ONLY…), or api_key_revoked/expired/unknown.");
        _meter.CreateObservableGauge("attendancegraph.snapshot.age", () => SnapshotAge(reader, paths, clock), "s",
            "Seconds since the snapshot being served was published (the last successful load); absent when none is open.");
        _meter.CreateObservableGauge("attendancegraph.etl.last_run.duration", () => LastRun(paths, r => (r.FinishedAt!.Value - r.StartedAt).TotalSeconds), "s",
            "Duration of the latest finished ETL run, tagged with its verb and status (loaded, rejected, failed).");
        _meter.CreateObservableGauge("attendancegraph.etl.last_run.rows_read", () => LastRun(paths, r => r.RowsRead), "{row}",
            "Rows read by the latest finished ETL run.");
        _meter.CreateObservableGauge("attendancegraph.etl.last_run.rows_rejected", () => LastRun(paths, r => r.RowsRejected), "{row}",
            "Rows rejected by the latest finished ETL run.");
    }

    /// <summary>Records a finished request; returns the operation tag it was counted under.</summary>
    public string Completed(GraphQLRequestSummary summary)
    {
        var operation = OperationTag(summary.Operation);
        _requests.Add(1, new("operation", operation), new("format", summary.Format), new("status", summary.StatusCode));
        _duration.Record(summary.Duration.TotalSeconds, new KeyValuePair<string, object?>("operation", operation), new("format", summary.Format));
        if (summary.StatusCode >= 400)
        {
            foreach (var code in summary.ErrorCodes.DefaultIfEmpty("HTTP_" + summary.StatusCode)) Rejected(code);
        }
        return operation;
    }

    public void Rejected(string reason) => _rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private string OperationTag(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "anonymous";
        // A client chooses its operation names: one holding a long run of digits could be a UPN (a letter and 12
        // digits) or a date of birth, and metrics and traces leave the data boundary, so it is not kept as a label.
        if (LongDigitRun().IsMatch(name)) return "other";
        if (_operations.ContainsKey(name)) return name;
        if (_operations.Count >= MaxOperationNames || name.Length > 100) return "other";
        _operations.TryAdd(name, true);
        return name;
    }

    private static IEnumerable<Measurement<double>> SnapshotAge(WarehouseReader reader, WarehousePaths paths, TimeProvider clock)
    {
        if (reader.CurrentSnapshotName is not { } name) yield break;
        var file = new FileInfo(paths.SnapshotPath(name));
        if (!file.Exists) yield break;
        yield return new Measurement<double>((clock.GetUtcNow().UtcDateTime - file.LastWriteTimeUtc).TotalSeconds);
    }

    private static IEnumerable<Measurement<double>> LastRun(WarehousePaths paths, Func<EtlRun, double> value)
    {
        EtlRun? run;
        try
        {
            using var db = OperationalDb.Open(paths.OperationalStore);
            run = db.EtlRuns.Where(r => r.FinishedAt != null).OrderByDescending(r => r.Id).FirstOrDefault();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            yield break; // the store's health is /health/ready's to report
        }
        if (run is null) yield break;
        yield return new Measurement<double>(value(run), new KeyValuePair<string, object?>("verb", run.Verb), new("status", run.Status));
    }

    public void Dispose() => _meter.Dispose();

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{5}")]
    private static partial System.Text.RegularExpressions.Regex LongDigitRun();
}

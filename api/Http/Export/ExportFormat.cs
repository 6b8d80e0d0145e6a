using Microsoft.AspNetCore.Http;

namespace AttendanceGraph.Api.Http.Export;

public enum ExportFormat { Csv, Parquet }

/// <summary>A request for a file rather than JSON: <c>format=csv|parquet</c> (wins, since a BI tool can set a URL but not
/// always a header), or <c>Accept: text/csv</c>; <c>bom=true</c> adds Excel's byte-order mark to CSV.</summary>
public sealed record ExportRequest(ExportFormat Format, bool ExcelBom)
{
    public const string CsvContentType = "text/csv; charset=utf-8; header=present";
    public const string ParquetContentType = "application/vnd.apache.parquet";

    /// <summary>Null for a JSON request; an error message for a format this server does not write.</summary>
    public static (ExportRequest? Export, string? Error) Of(HttpRequest request)
    {
        var bom = string.Equals(request.Query["bom"], "true", StringComparison.OrdinalIgnoreCase);
        var format = request.Query["format"].ToString();
        return format.ToLowerInvariant() switch
        {
            "" => (AcceptNegotiator.PrefersCsv(request) ? new ExportRequest(ExportFormat.Csv, bom) : null, null),
            "json" => (null, null),
            "csv" => (new ExportRequest(ExportFormat.Csv, bom), null),
            "parquet" => (new ExportRequest(ExportFormat.Parquet, false), null),
            _ => (null, $"Unknown format '{format}': use json, csv or parquet."),
        };
    }

    public string ContentType => Format == ExportFormat.Csv ? CsvContentType : ParquetContentType;

    public string FileExtension => Format == ExportFormat.Csv ? "csv" : "parquet";
}

using System.Text.Json;
using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AttendanceGraph.Api.Http.Export;

/// <summary>
/// Streams every page of a flat result as CSV or Parquet. Each page is one ordinary execution of the same document
/// (same validation, roles and protected aggregates as JSON), with <c>$after</c> set to the previous page's endCursor,
/// and its rows are written before the next page is asked for.
/// </summary>
internal static class FlatExport
{
    /// <summary>Null when the file was written (or cut off); otherwise the failed result to answer as JSON, nothing sent yet.</summary>
    public static async Task<ExecutionResult?> WriteAsync(HttpContext context, ExportRequest export, FlatShape shape, string? name,
        Inputs? variables, Func<Inputs?, Task<ExecutionResult>> execute, IGraphQLTextSerializer serializer, ExportLimits limits,
        ILogger logger, CancellationToken cancellationToken)
    {
        IFlatWriter? writer = null;
        var rows = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (true)
            {
                var result = await execute(variables);
                if (!result.Executed || result.Errors is { Count: > 0 })
                {
                    if (writer is null) return result;
                    // A later page failed: the client must not take a short file for the whole table.
                    logger.LogWarning("Export aborted after {Rows} rows: a later page failed ({Code})", rows, result.Errors?.FirstOrDefault()?.Code);
                    context.Abort();
                    return null;
                }
                // UTF-8 bytes, as the JSON client gets them, not a string the parser transcodes back.
                using var utf8 = new MemoryStream();
                await serializer.WriteAsync(utf8, result, cancellationToken);
                using var json = JsonDocument.Parse(utf8.GetBuffer().AsMemory(0, (int)utf8.Length));
                var page = FlatPage.Read(json.RootElement.GetProperty("data"), shape);
                if (writer is null)
                {
                    if (page.TotalCount > limits.MaxRows)
                    {
                        return new ExecutionResult { Errors = [new ExportTooLargeError(page.TotalCount.Value, limits.MaxRows)] };
                    }
                    writer = Start(context, export, shape, name);
                }
                rows += page.Rows.Count;
                if (rows > limits.MaxRows)
                {
                    logger.LogWarning("Export cut off at {MaxRows} rows (GraphQL:Export:MaxRows)", limits.MaxRows);
                    context.Abort();
                    return null;
                }
                await writer.WritePageAsync(page, cancellationToken);
                if (!shape.PagesByAfter || page.NextCursor is not { } next || !seen.Add(next)) break;
                variables = With(variables, FlatShape.AfterVariable, next);
            }
            await writer.CompleteAsync(cancellationToken);
            return null;
        }
        finally
        {
            if (writer is not null) await writer.DisposeAsync();
        }
    }

    private static IFlatWriter Start(HttpContext context, ExportRequest export, FlatShape shape, string? name)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = export.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(name)}.{export.FileExtension}\"";
        response.Headers.Vary = "Accept";
        return export.Format == ExportFormat.Csv
            ? new CsvFlatWriter(response.Body, shape.Columns, export.ExcelBom)
            : new ParquetFlatWriter(response.Body, shape.Columns);
    }

    private static string FileName(string? name) =>
        name is null ? "export" : new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    private static Inputs With(Inputs? variables, string name, object value)
    {
        var copy = variables is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(variables);
        copy[name] = value;
        return new Inputs(copy);
    }
}

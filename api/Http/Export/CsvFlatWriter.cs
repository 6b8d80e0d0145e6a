using System.Text.Json;
using CsvHelper;

namespace AttendanceGraph.Api.Http.Export;

/// <summary>
/// RFC 4180 CSV (CRLF records, quotes only where a field needs them, a header row of column names), UTF-8, with
/// Excel's byte-order mark on request. Numbers are the JSON answer's own text and a null is an empty field. Formula
/// characters are not escaped: the cell must read exactly as the JSON value does.
/// </summary>
internal sealed class CsvFlatWriter : IFlatWriter
{
    private readonly PageBufferStream _buffer;
    private readonly CsvWriter _csv;
    private readonly IReadOnlyList<FlatColumn> _columns;

    public CsvFlatWriter(Stream body, IReadOnlyList<FlatColumn> columns, bool excelBom)
    {
        _columns = columns;
        // CsvHelper writes synchronously when its buffer fills; the response body only takes asynchronous writes.
        _buffer = new PageBufferStream(body);
        _csv = CsvWriter.Create(_buffer, CsvWriterOptions.Default with { WriteByteOrderMark = excelBom }, leaveOpen: true);
        _csv.WriteHeader(columns.Select(c => c.Name).ToArray());
    }

    public async Task WritePageAsync(FlatPage page, CancellationToken cancellationToken)
    {
        foreach (var row in page.Rows)
        {
            foreach (var column in _columns) _csv.WriteField(Text(FlatPage.Value(row, column)));
            _csv.EndRecord();
        }
        await _csv.FlushAsync(cancellationToken);
        await _buffer.DrainAsync(cancellationToken);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await _csv.FlushAsync(cancellationToken);
        await _buffer.DrainAsync(cancellationToken);
    }

    private static string Text(JsonElement? value) => value switch
    {
        null => "",
        { ValueKind: JsonValueKind.String } s => s.GetString()!,
        { } other => other.GetRawText(),
    };

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}

using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace AttendanceGraph.Api.Http.Export;

/// <summary>
/// Parquet with one row group per page, typed from the schema (Int → INT32, Float → DOUBLE, Boolean, the rest strings),
/// every column nullable so a suppressed value is a null exactly where JSON has one.
/// </summary>
internal sealed class ParquetFlatWriter(Stream body, IReadOnlyList<FlatColumn> columns) : IFlatWriter
{
    private readonly DataField[] _fields = columns.Select(Field).ToArray();
    private readonly PageBufferStream _buffer = new(body);
    private ParquetWriter? _writer;

    public async Task WritePageAsync(FlatPage page, CancellationToken cancellationToken)
    {
        if (page.Rows.Count == 0) return;
        _writer ??= await ParquetWriter.CreateAsync(new ParquetSchema(_fields), _buffer, cancellationToken: cancellationToken);
        using var group = _writer.CreateRowGroup();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var values = page.Rows.Select(r => FlatPage.Value(r, column)).ToArray();
            await (column.Type switch
            {
                ColumnType.Int => group.WriteAsync<int>(_fields[i], values.Select(v => v?.GetInt32()).ToArray(), cancellationToken: cancellationToken),
                ColumnType.Long => group.WriteAsync<long>(_fields[i], values.Select(v => v?.GetInt64()).ToArray(), cancellationToken: cancellationToken),
                ColumnType.Double => group.WriteAsync<double>(_fields[i], values.Select(v => v?.GetDouble()).ToArray(), cancellationToken: cancellationToken),
                ColumnType.Boolean => group.WriteAsync<bool>(_fields[i], values.Select(v => v?.GetBoolean()).ToArray(), cancellationToken: cancellationToken),
                _ => group.WriteAsync(_fields[i], values.Select(Text).ToArray()),
            });
        }
        group.CompleteValidate();
        await _buffer.DrainAsync(cancellationToken);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        // An empty result is still a valid file: the schema and no row groups.
        _writer ??= await ParquetWriter.CreateAsync(new ParquetSchema(_fields), _buffer, cancellationToken: cancellationToken);
        await _writer.DisposeAsync();
        _writer = null;
        await _buffer.DrainAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
    }

    private static string? Text(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { } other => other.GetRawText(),
    };

    private static DataField Field(FlatColumn column) => column.Type switch
    {
        ColumnType.Int => new DataField<int?>(column.Name),
        ColumnType.Long => new DataField<long?>(column.Name),
        ColumnType.Double => new DataField<double?>(column.Name),
        ColumnType.Boolean => new DataField<bool?>(column.Name),
        _ => new DataField<string>(column.Name, true),
    };
}

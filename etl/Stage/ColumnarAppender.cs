using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace AttendanceGraph.Etl.Stage;

/// <summary>
/// Bulk appends through DuckDB's data-chunk appender: the caller writes values straight into the chunk's
/// column vectors and whole chunks (one vector, 2,048 rows) are handed to DuckDB. DuckDB.NET's row appender
/// makes a generic call per value; writing the vectors directly makes a value a memory store (staging 38M
/// marks measured 7.1 → 6.0 s; most of what remains is DuckDB's own insert, ~20–30 ns a value). Fixed-width, non-null columns only (plus VARCHAR), checked
/// against the table when the appender is created so a schema change fails loudly rather than writing garbage.
/// Rows are committed every <see cref="RowGroupSize"/> rows, so use it only where a failed append's whole database
/// is thrown away (the ETL's working snapshot). Not thread-safe: one per thread, each on its own connection.
/// </summary>
public sealed unsafe class ColumnarAppender : IDisposable
{
    private readonly DuckDB.NET.Native.DuckDBAppender appender;
    private readonly DuckDBDataChunk chunk;
    private readonly DuckDBType[] types;
    private readonly int[] widths;
    private bool disposed;
    private readonly IntPtr[] vectors;
    private readonly void*[] data;
    private readonly string table;
    private bool closed;
    // Per VARCHAR column: the values handed to DuckDB in this chunk and the row of each (cleared with every chunk).
    private readonly List<(byte[] Value, int Row)>?[] repeated;

    public ColumnarAppender(DuckDBConnection connection, string table, params DuckDBType[] columns)
    {
        this.table = table;
        if (NativeMethods.Appender.DuckDBAppenderCreate(connection.NativeConnection, null!, table, out appender) != DuckDBState.Success)
        {
            var why = Error();
            appender.Dispose();
            throw new InvalidOperationException($"Cannot append to {table}: {why}");
        }
        var count = (int)NativeMethods.Appender.DuckDBAppenderColumnCount(appender);
        var logical = new DuckDBLogicalType[count];
        try
        {
            if (count != columns.Length)
                throw new InvalidOperationException($"{table} has {count} columns; the appender was given {columns.Length}");
            for (var i = 0; i < count; i++)
            {
                logical[i] = NativeMethods.Appender.DuckDBAppenderColumnType(appender, (ulong)i);
                var actual = NativeMethods.LogicalType.DuckDBGetTypeId(logical[i]);
                if (actual != columns[i])
                    throw new InvalidOperationException($"{table} column {i + 1} is {actual}; the appender expected {columns[i]}");
            }
            chunk = NativeMethods.DataChunks.DuckDBCreateDataChunk(logical.Select(l => l.DangerousGetHandle()).ToArray(), (ulong)count);
        }
        catch
        {
            appender.Dispose();
            throw;
        }
        finally
        {
            foreach (var l in logical) l?.Dispose();
        }
        types = columns;
        widths = columns.Select(Width).ToArray();
        Capacity = (int)NativeMethods.Helpers.DuckDBVectorSize();
        // Commits fall on row-group boundaries only if whole chunks fill a row group (2,048 × 60).
        if (RowGroupSize % Capacity != 0)
        {
            chunk.Dispose();
            appender.Dispose();
            throw new InvalidOperationException($"DuckDB's vector size {Capacity} does not divide a row group of {RowGroupSize}");
        }
        vectors = new IntPtr[count];
        data = new void*[count];
        repeated = new List<(byte[], int)>?[count];
        for (var i = 0; i < count; i++)
        {
            vectors[i] = NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, i);
            data[i] = NativeMethods.Vectors.DuckDBVectorGetData(vectors[i]);
        }
    }

    private static readonly int UnixEpochDay = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>A DATE column's value: DuckDB stores a date as days since 1970-01-01.</summary>
    public static int Date(int dayNumber) => dayNumber - UnixEpochDay;

    /// <summary>Rows in a DuckDB row group (its default, which the warehouse keeps): 60 chunks.</summary>
    public const int RowGroupSize = 122_880;

    /// <summary>Rows per chunk (DuckDB's vector size).</summary>
    public int Capacity { get; }

    /// <summary>The row of the current chunk being written.</summary>
    public int Row { get; private set; }

    public long RowsAppended { get; private set; }

    /// <summary>The whole column vector of the current chunk; write index <see cref="Row"/>.</summary>
    // Inlined: it is called for every value a load writes (its checks were 2.7% of a 38 M-mark load's CPU as a call).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<T> Column<T>(int column) where T : unmanaged
    {
        // A wrong T would write past the end of DuckDB's buffer: refuse it.
        if (sizeof(T) != widths[column]) throw new InvalidOperationException($"{table} column {column + 1} is {types[column]}, not {typeof(T).Name}");
        ObjectDisposedException.ThrowIf(disposed, this);
        return new(data[column], Capacity);
    }

    private static int Width(DuckDBType type) => type switch
    {
        DuckDBType.Boolean or DuckDBType.TinyInt or DuckDBType.UnsignedTinyInt => 1,
        DuckDBType.SmallInt or DuckDBType.UnsignedSmallInt => 2,
        DuckDBType.Integer or DuckDBType.UnsignedInteger or DuckDBType.Date or DuckDBType.Float => 4,
        DuckDBType.BigInt or DuckDBType.UnsignedBigInt or DuckDBType.Double or DuckDBType.Timestamp => 8,
        DuckDBType.Varchar => 0, // written with String()
        _ => throw new NotSupportedException($"ColumnarAppender does not write {type} columns"),
    };

    public void String(int column, string value)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (types[column] != DuckDBType.Varchar) throw new InvalidOperationException($"{table} column {column + 1} is not VARCHAR");
        NativeMethods.Vectors.DuckDBVectorAssignStringElement(vectors[column], (ulong)Row, value);
    }

    /// <summary>A VARCHAR value already encoded as UTF-8: no conversion or allocation per row.</summary>
    public void Utf8String(int column, ReadOnlySpan<byte> utf8)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (types[column] != DuckDBType.Varchar) throw new InvalidOperationException($"{table} column {column + 1} is not VARCHAR");
        fixed (byte* p = utf8) NativeMethods.Vectors.DuckDBVectorAssignStringElementLength(vectors[column], (ulong)Row, p, utf8.Length);
    }

    /// <summary>
    /// A VARCHAR value that comes row after row (a cohort's key, a rollup's kind): DuckDB copies its bytes into the chunk
    /// once, and the chunk's later rows with the same array point at that copy. Handing DuckDB the bytes on every row was
    /// 1.6 s of the cohort aggregates' 3.4 s on the 38 M-mark LA (a native call and a string-heap copy per row).
    /// </summary>
    /// <param name="utf8">
    /// The same array for the same value: rows share a copy only when given the same reference. Meant for a handful of
    /// values per column (each chunk looks them up one by one).
    /// </param>
    public void RepeatedUtf8String(int column, byte[] utf8)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var seen = repeated[column] ??= [];
        foreach (var (value, row) in seen)
        {
            if (!ReferenceEquals(value, utf8)) continue;
            // A duckdb_string_t is 16 bytes, its characters inline (12 or fewer) or in the vector's string heap, which lives
            // until the chunk is reset: a copy of it is the same string.
            var strings = (StringSlot*)data[column];
            strings[Row] = strings[row];
            return;
        }
        Utf8String(column, utf8);
        if (seen.Count < MaxRepeatedValues) seen.Add((utf8, Row));
    }

    private const int MaxRepeatedValues = 32;

    /// <summary>The size of a duckdb_string_t, copied whole.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    private readonly struct StringSlot;

    /// <summary>Completes the current row; a full chunk is appended.</summary>
    public void EndRow()
    {
        if (++Row == Capacity) AppendChunk();
    }

    /// <summary>Appends any partial chunk and flushes everything to the table.</summary>
    public void Close()
    {
        if (closed) return;
        closed = true;
        if (Row > 0) AppendChunk();
        if (NativeMethods.Appender.DuckDBAppenderClose(appender) != DuckDBState.Success)
            throw new InvalidOperationException($"Appending to {table} failed: {Error()}");
    }

    private void AppendChunk()
    {
        NativeMethods.DataChunks.DuckDBDataChunkSetSize(chunk, (ulong)Row);
        if (NativeMethods.Appender.DuckDBAppendDataChunk(appender, chunk) != DuckDBState.Success)
            throw new InvalidOperationException($"Appending to {table} failed: {Error()}");
        RowsAppended += Row;
        Row = 0;
        // DuckDB's appender commits every 204,800 rows on its own, leaving a part-filled row group each time; CHECKPOINT
        // then vacuums those together by decompressing and rewriting them (38M marks: 1.5–3.6 s of the publish step,
        // and a file 40% larger). Committing at every row-group boundary writes each row group once, full.
        if (RowsAppended % RowGroupSize == 0 && NativeMethods.Appender.DuckDBAppenderFlush(appender) != DuckDBState.Success)
            throw new InvalidOperationException($"Appending to {table} failed: {Error()}");
        NativeMethods.DataChunks.DuckDBDataChunkReset(chunk);
        foreach (var seen in repeated) seen?.Clear(); // the reset frees the string heap the earlier rows' values pointed into
        // Reset may hand the vectors new buffers.
        for (var i = 0; i < data.Length; i++) data[i] = NativeMethods.Vectors.DuckDBVectorGetData(vectors[i]);
    }

    private string Error()
    {
        if (appender is null || appender.IsInvalid) return "no appender";
        using var error = NativeMethods.Appender.DuckDBAppenderErrorData(appender);
        return NativeMethods.ErrorData.DuckDBErrorDataMessage(error);
    }

    public void Dispose()
    {
        disposed = true;
        chunk?.Dispose();
        appender?.Dispose();
    }
}

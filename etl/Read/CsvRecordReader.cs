using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// RFC 4180 records over decoded text, for the inputs read row by row (schools, enrolments, cohorts, benchmarks, DfE
/// pupil-level files). Quoted fields may hold commas, doubled quotes and line breaks. Fields are kept as ranges and only
/// turned into strings when asked for, because the GIAS extract has ~130 columns of which we use 12. The text is either
/// one string or a UTF-8 file read a chunk at a time (<see cref="Utf8Chunks"/>) into one reused buffer: a record that
/// runs past the end of a chunk (a quoted line break) is read again with the next chunk joined on, so records, fields
/// and line numbers are exactly those of the whole text.
/// </summary>
internal sealed class CsvRecordReader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    // An array rather than a list: a DfE row's ~20 fields are each asked for once or twice, ~80 million times a year of files.
    private (int Start, int Length, bool Quoted)[] fields = new (int, int, bool)[32];
    private int fieldCount;
    private readonly Utf8Chunks? chunks;
    private char[] text;
    private int length;
    private bool final;
    private int pos;
    private long nextLine = 1;

    public CsvRecordReader(string text)
    {
        this.text = text.ToCharArray();
        length = text.Length;
        final = true;
    }

    /// <summary>Records of a UTF-8 file already checked to be valid (<see cref="Utf8Chunks.FirstInvalid"/>).</summary>
    public CsvRecordReader(Utf8Chunks chunks)
    {
        this.chunks = chunks;
        text = [];
    }

    /// <summary>The text from <paramref name="from"/> on moved to the front, the next chunk decoded after it (final when there is none).</summary>
    private void More(int from)
    {
        var keep = length - from;
        if (keep > 0 && from > 0) Array.Copy(text, from, text, 0, keep);
        var piece = chunks!.NextPiece();
        if (piece.IsEmpty)
        {
            final = true;
            length = keep;
            return;
        }
        // UTF-8 never decodes to more UTF-16 units than it has bytes. Pooled, as a batch reads many files.
        if (text.Length < keep + piece.Length)
        {
            var larger = ArrayPool<char>.Shared.Rent(keep + piece.Length);
            text.AsSpan(0, keep).CopyTo(larger);
            if (text.Length > 0) ArrayPool<char>.Shared.Return(text);
            text = larger;
        }
        length = keep + StrictUtf8.GetChars(piece, text.AsSpan(keep));
    }

    /// <summary>Hands a chunked reader's buffer back to the pool; the reader is not used after.</summary>
    public void Release()
    {
        if (chunks is null || text.Length == 0) return;
        ArrayPool<char>.Shared.Return(text);
        text = [];
        length = pos = 0;
        final = true;
    }

    /// <summary>Physical line (1-based) where the current record starts.</summary>
    public long Line { get; private set; }

    public int FieldCount => fieldCount;

    private int recordStart, recordEnd;

    public string RawRecord => new(text, recordStart, recordEnd - recordStart);

    /// <summary>The current record's text, as <see cref="RawRecord"/> without making a string; valid until the next record.</summary>
    public ReadOnlySpan<char> RecordText => text.AsSpan(recordStart, recordEnd - recordStart);

    /// <summary>
    /// Reads <paramref name="record"/> alone as the record starting at line <paramref name="line"/> (a row parsed on another
    /// thread, read again here): its fields, line number and raw text are those it had in its file.
    /// </summary>
    public void ReadAgain(ReadOnlySpan<char> record, long line)
    {
        if (chunks is not null) throw new InvalidOperationException("a chunked reader reads its own file");
        if (text.Length < record.Length) text = new char[Math.Max(record.Length, 2 * text.Length)];
        record.CopyTo(text);
        length = record.Length;
        pos = 0;
        final = true;
        nextLine = line;
        if (!Next()) throw new InvalidOperationException("a record read again was empty");
    }

    public bool Next()
    {
        while (true)
        {
            var line = nextLine;
            var start = pos;
            if (TryRecord()) return true;
            if (final) return false;
            // The record (or the blank lines before it) ran into the end of a chunk: read it again with more text.
            nextLine = line;
            More(start);
            pos = 0;
        }
    }

    /// <summary>One record from pos; false when the text ends first (before a record starts, or, in a chunk that is not the last, inside one).</summary>
    private bool TryRecord()
    {
        fieldCount = 0;
        // Skip empty lines.
        while (pos < length && (text[pos] == '\n' || text[pos] == '\r'))
        {
            if (text[pos] == '\n') nextLine++;
            pos++;
        }
        if (pos >= length) return false;
        Line = nextLine;
        recordStart = pos;
        if (TryUnquotedLine()) return true;
        while (true)
        {
            if (pos < length && text[pos] == '"')
            {
                var start = ++pos;
                while (true)
                {
                    var q = Array.IndexOf(text, '"', pos, length - pos);
                    if (q < 0) { CountLines(pos, length); pos = length; AddField((start, pos - start, true)); break; }
                    CountLines(pos, q);
                    if (q + 1 < length && text[q + 1] == '"') { pos = q + 2; continue; }
                    AddField((start, q - start, true));
                    pos = q + 1;
                    break;
                }
                // Anything between the closing quote and the delimiter is tolerated and dropped.
                while (pos < length && text[pos] is not (',' or '\n' or '\r')) pos++;
            }
            else
            {
                var start = pos;
                var end = text.AsSpan(pos, length - pos).IndexOfAny(',', '\n', '\r');
                pos = end < 0 ? length : pos + end;
                AddField((start, pos - start, false));
            }
            if (pos >= length)
            {
                if (!final) return false;
                recordEnd = pos;
                return true;
            }
            if (text[pos] == ',') { pos++; continue; }
            recordEnd = pos;
            if (text[pos] == '\r') pos++;
            if (pos < length && text[pos] == '\n') { pos++; nextLine++; }
            return true;
        }
    }

    /// <summary>
    /// The common record: a whole line in this text without a quote, split at its commas 8 characters at a time. A DfE row
    /// has ~20 short fields, and a search call per field was most of the tokenising.
    /// </summary>
    private bool TryUnquotedLine()
    {
        var rest = text.AsSpan(pos, length - pos);
        var end = rest.IndexOfAny(LineEndOrQuote);
        if (end < 0 || rest[end] == '"') return false;
        var line = MemoryMarshal.Cast<char, ushort>(rest[..end]);
        var comma = Vector128.Create((ushort)',');
        var fieldStart = 0;
        var i = 0;
        for (; i + Vector128<ushort>.Count <= line.Length; i += Vector128<ushort>.Count)
        {
            var commas = Vector128.Equals(Vector128.Create(line.Slice(i, Vector128<ushort>.Count)), comma).ExtractMostSignificantBits();
            while (commas != 0)
            {
                var at = i + BitOperations.TrailingZeroCount(commas);
                AddField((pos + fieldStart, at - fieldStart, false));
                fieldStart = at + 1;
                commas &= commas - 1;
            }
        }
        for (; i < line.Length; i++)
        {
            if (line[i] != ',') continue;
            AddField((pos + fieldStart, i - fieldStart, false));
            fieldStart = i + 1;
        }
        AddField((pos + fieldStart, end - fieldStart, false));
        pos += end;
        recordEnd = pos;
        if (text[pos] == '\r') pos++;
        if (pos < length && text[pos] == '\n') { pos++; nextLine++; }
        return true;
    }

    private static readonly SearchValues<char> LineEndOrQuote = SearchValues.Create("\n\r\"");

    private void AddField((int Start, int Length, bool Quoted) field)
    {
        if (fieldCount == fields.Length) Array.Resize(ref fields, fields.Length * 2);
        fields[fieldCount++] = field;
    }

    private void CountLines(int from, int to)
    {
        nextLine += text.AsSpan(from, to - from).Count('\n');
    }

    public ReadOnlySpan<char> Span(int i)
    {
        if ((uint)i >= (uint)fieldCount) return default;
        var f = fields[i];
        return text.AsSpan(f.Start, f.Length);
    }

    /// <summary><see cref="Field"/>'s text without making a string (one is made only for a quoted field holding a quote).</summary>
    public ReadOnlySpan<char> Value(int i)
    {
        if ((uint)i >= (uint)fieldCount) return default;
        var f = fields[i];
        var s = text.AsSpan(f.Start, f.Length);
        if (f.Quoted && s.Contains('"')) return Field(i).AsSpan();
        // Most fields start and end with a printable ASCII character, and trimming them changes nothing.
        return s.IsEmpty || IsPrintableAscii(s[0]) && IsPrintableAscii(s[^1]) ? s : s.Trim();
    }

    private static bool IsPrintableAscii(char c) => c is > ' ' and < '\u007f';

    /// <summary>The field's value, unquoted and trimmed; empty when the record has fewer fields.</summary>
    public string Field(int i)
    {
        if ((uint)i >= (uint)fieldCount) return "";
        var f = fields[i];
        var s = text.AsSpan(f.Start, f.Length);
        if (f.Quoted && s.Contains('"')) return s.ToString().Replace("\"\"", "\"").Trim();
        return s.Trim().ToString();
    }

    public string[] AllFields()
    {
        var a = new string[fieldCount];
        for (var i = 0; i < a.Length; i++) a[i] = Field(i);
        return a;
    }
}

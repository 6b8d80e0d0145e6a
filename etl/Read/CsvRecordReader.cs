namespace AttendanceGraph.Etl.Read;

/// <summary>
/// RFC 4180 records over already-decoded text, for the small inputs (schools, enrolments, cohorts,
/// benchmarks). Quoted fields may hold commas, doubled quotes and line breaks. Fields are kept as ranges
/// and only turned into strings when asked for, because the GIAS extract has ~130 columns of which we use 12.
/// </summary>
internal sealed class CsvRecordReader(string text)
{
    private readonly List<(int Start, int Length, bool Quoted)> fields = [];
    private int pos;
    private long nextLine = 1;

    /// <summary>Physical line (1-based) where the current record starts.</summary>
    public long Line { get; private set; }

    public int FieldCount => fields.Count;

    private int recordStart, recordEnd;

    public string RawRecord => text[recordStart..recordEnd];

    public bool Next()
    {
        fields.Clear();
        // Skip empty lines.
        while (pos < text.Length && (text[pos] == '\n' || text[pos] == '\r'))
        {
            if (text[pos] == '\n') nextLine++;
            pos++;
        }
        if (pos >= text.Length) return false;
        Line = nextLine;
        recordStart = pos;
        while (true)
        {
            if (pos < text.Length && text[pos] == '"')
            {
                var start = ++pos;
                while (true)
                {
                    var q = text.IndexOf('"', pos);
                    if (q < 0) { CountLines(pos, text.Length); pos = text.Length; fields.Add((start, pos - start, true)); break; }
                    CountLines(pos, q);
                    if (q + 1 < text.Length && text[q + 1] == '"') { pos = q + 2; continue; }
                    fields.Add((start, q - start, true));
                    pos = q + 1;
                    break;
                }
                // Anything between the closing quote and the delimiter is tolerated and dropped.
                while (pos < text.Length && text[pos] is not (',' or '\n' or '\r')) pos++;
            }
            else
            {
                var start = pos;
                var end = text.AsSpan(pos).IndexOfAny(',', '\n', '\r');
                pos = end < 0 ? text.Length : pos + end;
                fields.Add((start, pos - start, false));
            }
            if (pos >= text.Length) { recordEnd = pos; return true; }
            if (text[pos] == ',') { pos++; continue; }
            recordEnd = pos;
            if (text[pos] == '\r') pos++;
            if (pos < text.Length && text[pos] == '\n') { pos++; nextLine++; }
            return true;
        }
    }

    private void CountLines(int from, int to)
    {
        nextLine += text.AsSpan(from, to - from).Count('\n');
    }

    public ReadOnlySpan<char> Span(int i)
    {
        if (i < 0 || i >= fields.Count) return default;
        var f = fields[i];
        return text.AsSpan(f.Start, f.Length);
    }

    /// <summary>The field's value, unquoted and trimmed; empty when the record has fewer fields.</summary>
    public string Field(int i)
    {
        if (i < 0 || i >= fields.Count) return "";
        var f = fields[i];
        var s = text.AsSpan(f.Start, f.Length);
        if (f.Quoted && s.Contains('"')) return s.ToString().Replace("\"\"", "\"").Trim();
        return s.Trim().ToString();
    }

    public string[] AllFields()
    {
        var a = new string[fields.Count];
        for (var i = 0; i < a.Length; i++) a[i] = Field(i);
        return a;
    }
}

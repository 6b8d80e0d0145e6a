using System.Text.Unicode;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// A marks file whose header has been recognised: where its columns are, where its data starts, how many
/// rows it has. Opening it makes one vectorised pass that counts rows and checks the bytes are UTF-8, so
/// an unreadable file is reported (with its line) before anything is loaded and the parallel parsers never
/// have to think about encoding.
/// </summary>
public sealed class MarksFile
{
    public const int Upn = 0, Urn = 1, Date = 2, Session = 3, Code = 4;
    internal static readonly string[] RoleNames = ["upn", "school_urn", "date", "session", "code"];

    private MarksFile(string path, string[] header, long dataStart, long length, long rows)
    {
        Path = path;
        Header = header;
        DataStart = dataStart;
        Length = length;
        Rows = rows;
        Roles = new int[header.Length];
        for (var i = 0; i < header.Length; i++) Roles[i] = Array.FindIndex(RoleNames, n => string.Equals(n, header[i].Trim(), StringComparison.OrdinalIgnoreCase));
        // A repeated column name: only the first occurrence is used.
        for (var i = 0; i < header.Length; i++)
            for (var j = 0; j < i; j++)
                if (Roles[j] == Roles[i]) Roles[i] = -1;
    }

    public string Path { get; }

    /// <summary>The hash of the file's bytes (<see cref="FileContentHash"/>), made by <see cref="Open"/>'s pass.</summary>
    public string? ContentHash { get; private init; }
    public string[] Header { get; }
    /// <summary>Byte offset of the first data row (after the BOM and the header line).</summary>
    public long DataStart { get; }
    public long Length { get; }
    public long Rows { get; }
    /// <summary>For each header column, which of upn/school_urn/date/session/code it is, or -1 (ignored).</summary>
    internal int[] Roles { get; }

    /// <summary>Null (and a rejection in the report) when the file is not valid UTF-8.</summary>
    public static MarksFile? Open(string path, string[] header, ValidationReport report)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        var buf = new byte[4 << 20];
        long offset = 0, lines = 0, dataStart = -1;
        var carry = 0;
        var lastByte = (byte)'\n';
        Span<byte> bom = stackalloc byte[3];
        // The batch's fingerprint hashes every file's bytes: the marks' are hashed in this pass, not read again for it.
        var hash = new FileContentHash();
        if (RandomAccess.Read(handle, bom, 0) == 3 && TextDecoding.HasUtf8Bom(bom))
        {
            offset = 3;
            hash.Append(bom);
        }
        while (true)
        {
            var n = RandomAccess.Read(handle, buf.AsSpan(carry), offset + carry);
            hash.Append(buf.AsSpan(carry, n));
            var have = carry + n;
            if (have == 0) break;
            var span = buf.AsSpan(0, have);
            // Validate whole lines only, so a multi-byte character is never split between two reads.
            var cut = n == 0 ? have : span.LastIndexOf((byte)'\n') + 1;
            if (cut == 0 && have == buf.Length) { Array.Resize(ref buf, buf.Length * 2); carry = have; continue; }
            var whole = span[..cut];
            if (!Utf8.IsValid(whole))
            {
                var bad = TextDecoding.FirstInvalidUtf8(whole);
                var line = lines + 1 + whole[..(int)bad].Count((byte)'\n');
                report.Add(Rejection.NotUtf8(path, line, offset + bad));
                return null;
            }
            if (dataStart < 0 && whole.IndexOf((byte)'\n') is var h and >= 0) dataStart = offset + h + 1;
            lines += whole.Count((byte)'\n');
            if (cut > 0) lastByte = whole[cut - 1];
            if (n == 0) break;
            span[cut..].CopyTo(buf);
            carry = have - cut;
            offset += cut;
        }
        if (dataStart < 0) dataStart = length; // header only, no newline
        // Rows = data lines: newline count minus the header's, plus an unterminated last line.
        var rows = Math.Max(0, lines - 1 + (lastByte != (byte)'\n' && dataStart < length ? 1 : 0));
        return new MarksFile(path, header, dataStart, length, rows) { ContentHash = hash.Finish() };
    }

    /// <summary>
    /// Splits the data rows into <paramref name="parts"/> byte ranges that start and end at line boundaries
    /// (some ranges may be empty for tiny files). Range i is parsed by worker thread i.
    /// </summary>
    public IReadOnlyList<(long Start, long End)> SplitRanges(int parts)
    {
        var ranges = new List<(long, long)>(parts);
        using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var prev = DataStart;
        var probe = new byte[64 * 1024];
        for (var i = 1; i <= parts; i++)
        {
            long boundary;
            if (i == parts) boundary = Length;
            else
            {
                var candidate = DataStart + (Length - DataStart) * i / parts;
                boundary = NextLineStart(handle, Math.Max(candidate, prev), probe);
            }
            boundary = Math.Max(boundary, prev);
            ranges.Add((prev, boundary));
            prev = boundary;
        }
        return ranges;
    }

    /// <summary>The first line start at or after <paramref name="at"/> (a line starts after a '\n').</summary>
    private long NextLineStart(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long at, byte[] probe)
    {
        if (at <= DataStart) return DataStart;
        var pos = at - 1; // if the byte before 'at' is '\n', 'at' is already a line start
        while (pos < Length)
        {
            var n = RandomAccess.Read(handle, probe, pos);
            if (n == 0) break;
            var nl = probe.AsSpan(0, n).IndexOf((byte)'\n');
            if (nl >= 0) return pos + nl + 1;
            pos += n;
        }
        return Length;
    }

    /// <summary>1-based line number of the line starting at byte <paramref name="offset"/> (error path only).</summary>
    internal long LineAt(long offset)
    {
        using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var buf = new byte[1 << 20];
        long pos = 0, count = 0;
        while (pos < offset)
        {
            var n = RandomAccess.Read(handle, buf.AsSpan(0, (int)Math.Min(buf.Length, offset - pos)), pos);
            if (n == 0) break;
            count += buf.AsSpan(0, n).Count((byte)'\n');
            pos += n;
        }
        return count + 1;
    }
}

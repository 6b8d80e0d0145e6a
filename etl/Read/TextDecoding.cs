using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace AttendanceGraph.Etl.Read;

/// <summary>Decoding input bytes, and the small value parsers the readers share.</summary>
internal static class TextDecoding
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 { get; } = GetWindows1252();

    private static Encoding GetWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    public static bool HasUtf8Bom(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Utf8Bom);

    public static ReadOnlySpan<byte> Utf8Bom => "\uFEFF"u8;

    /// <summary>
    /// Strict UTF-8 (BOM allowed). On invalid bytes returns null and the 1-based line and byte offset of
    /// the first bad byte.
    /// </summary>
    public static string? DecodeUtf8(ReadOnlySpan<byte> bytes, out long badLine, out long badOffset)
    {
        badLine = 0; badOffset = -1;
        var skip = HasUtf8Bom(bytes) ? 3 : 0;
        var body = bytes[skip..];
        var bad = FirstInvalidUtf8(body);
        if (bad >= 0)
        {
            badOffset = skip + bad;
            badLine = 1 + body[..(int)bad].Count((byte)'\n');
            return null;
        }
        return StrictUtf8.GetString(body);
    }

    /// <summary>Offset of the first byte that is not valid UTF-8, or -1.</summary>
    public static long FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes)) return -1;
        var chars = ArrayPool<char>.Shared.Rent(64 * 1024);
        try
        {
            long done = 0;
            while (true)
            {
                var status = Utf8.ToUtf16(bytes, chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                done += read;
                if (status == OperationStatus.Done) return -1;
                if (status != OperationStatus.DestinationTooSmall) return done;
                bytes = bytes[read..];
            }
        }
        finally { ArrayPool<char>.Shared.Return(chars); }
    }

    /// <summary>
    /// GIAS publishes its extract in Windows-1252. A BOM, or bytes that are valid UTF-8 with non-ASCII
    /// characters (which 1252 text practically never is), mean someone re-saved it as UTF-8: honour that.
    /// </summary>
    public static string DecodeGias(ReadOnlySpan<byte> bytes)
    {
        if (HasUtf8Bom(bytes)) return Encoding.UTF8.GetString(bytes[3..]);
        if (!Ascii.IsValid(bytes) && Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        return Windows1252.GetString(bytes);
    }

    /// <summary>yyyy-mm-dd.</summary>
    public static bool TryIsoDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        return TryDate(Digits(s[..4]), Digits(s[5..7]), Digits(s[8..10]), out date);
    }

    /// <summary>dd-mm-yyyy (GIAS), also dd/mm/yyyy.</summary>
    public static bool TryUkDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[2] != s[5] || s[2] is not ('-' or '/')) return false;
        return TryDate(Digits(s[6..]), Digits(s[3..5]), Digits(s[..2]), out date);
    }

    private static int Digits(ReadOnlySpan<char> s)
    {
        var v = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c)) return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    internal static bool TryDate(int y, int m, int d, out DateOnly date)
    {
        date = default;
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    public static bool TryInt(ReadOnlySpan<char> s, out int value)
    {
        // Up to nine ASCII digits cannot overflow: read here, as int.TryParse would read them (a DfE row has seven numbers).
        if (s.Length is > 0 and <= 9 && Digits(s) is >= 0 and var v)
        {
            value = v;
            return true;
        }
        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>GSS symbols for "no number" in published statistics.</summary>
    public static bool IsGssSymbol(string s) => s is "x" or "c" or "z" or "low" or "u" or ":" or "" or "X" or "C" or "Z" or "U";
}

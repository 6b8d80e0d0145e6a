namespace AttendanceGraph.Etl.Read;

/// <summary>
/// Spots a file saved in an encoding the contracts do not take before its header is parsed. Excel's "Unicode
/// text" writes UTF-16: read as bytes its header was "u\0p\0n\0…", reported as an unrecognised header full of
/// NULs, which sent people looking for a wrong column instead of re-saving the file.
/// </summary>
public static class EncodingSniffer
{
    /// <summary>Bytes of the file's start looked at: plenty for a header, cheap for a 1.3 GB file.</summary>
    public const int SampleBytes = 4096;

    /// <summary>The foreign encoding the sample is in ("UTF-16 (little-endian, …)"), or null for UTF-8/8-bit text.</summary>
    public static string? Describe(ReadOnlySpan<byte> sample)
    {
        // UTF-32 first: its little-endian BOM starts with UTF-16's.
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0])) return "UTF-32 (little-endian, with a byte order mark)";
        if (sample.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF])) return "UTF-32 (big-endian, with a byte order mark)";
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return "UTF-16 (little-endian, with a byte order mark)";
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return "UTF-16 (big-endian, with a byte order mark)";
        if (sample.IndexOf((byte)0) < 0) return null;

        // No BOM but NUL bytes, which no CSV text holds. UTF-16 of ASCII text has a NUL in every other byte: the
        // odd ones when little-endian, the even ones when big-endian.
        int even = 0, odd = 0, pairs = sample.Length / 2;
        for (var i = 0; i + 1 < sample.Length; i += 2)
        {
            if (sample[i] == 0) even++;
            if (sample[i + 1] == 0) odd++;
        }
        if (odd * 10 >= pairs * 8 && even * 10 < pairs) return "UTF-16 (little-endian, without a byte order mark)";
        if (even * 10 >= pairs * 8 && odd * 10 < pairs) return "UTF-16 (big-endian, without a byte order mark)";
        return "binary, not text (it holds NUL bytes)";
    }
}

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// A growable byte buffer holding one school's marks rows, filled by span copies (no strings, no formatting per
/// row) and later written to the marks file in school order, which keeps output independent of thread timing.
/// </summary>
public sealed class MarkChunk
{
    private byte[] buffer;

    public MarkChunk(int capacity) => buffer = new byte[Math.Max(1024, capacity)];

    public int Length { get; private set; }
    public long Rows { get; private set; }

    public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, Length);

    public void Add(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> date, ReadOnlySpan<byte> tail)
    {
        var needed = Length + prefix.Length + date.Length + tail.Length;
        if (needed > buffer.Length) Array.Resize(ref buffer, Math.Max(needed, buffer.Length * 2));
        var span = buffer.AsSpan(Length);
        prefix.CopyTo(span);
        date.CopyTo(span[prefix.Length..]);
        tail.CopyTo(span[(prefix.Length + date.Length)..]);
        Length = needed;
        Rows++;
    }
}

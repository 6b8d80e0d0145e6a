namespace AttendanceGraph.Api.Http;

/// <summary>
/// Reads a request body into memory only while it stays within a byte limit, so an oversized body is refused
/// after at most limit + one chunk of reading, whatever its Content-Length says (a chunked body has none).
/// </summary>
internal static class BoundedBody
{
    private const int ChunkBytes = 16 * 1024;

    /// <returns>The body, or null when it is longer than <paramref name="maxBytes"/>.</returns>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(Stream body, long? contentLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (contentLength > maxBytes)
        {
            return null;
        }
        using var copy = new MemoryStream(contentLength is { } known ? (int)known : ChunkBytes);
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (copy.Length + read > maxBytes)
            {
                return null;
            }
            copy.Write(chunk, 0, read);
        }
        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }
}

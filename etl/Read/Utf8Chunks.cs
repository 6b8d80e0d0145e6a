using System.Buffers;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// A UTF-8 file read as text a chunk at a time, each chunk ending after a line feed (a line feed never falls inside a
/// UTF-8 sequence), so a file of any size is read in a few megabytes: a year of DfE pupil-level rows is 500 MB of
/// bytes and was a 1 GB string. <see cref="FirstInvalid"/> checks the whole file first, so a file in another encoding
/// is still rejected before any of its rows is read, at the same line and byte offset as <see cref="TextDecoding.DecodeUtf8"/>.
/// </summary>
internal sealed class Utf8Chunks : IDisposable
{
    private const int BlockBytes = 1 << 20;
    private readonly FileStream file;
    private byte[] buffer;
    private readonly bool pooled;
    private int filled, consumed;
    private bool atEnd;
    private readonly int bomBytes;

    /// <param name="blockBytes">Bytes read at a time (a line longer than that grows the buffer); small only in tests.</param>
    public Utf8Chunks(string path, int blockBytes = BlockBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockBytes, 1);
        // Pooled: a batch of weekly files would otherwise allocate (and collect, as large objects) a buffer a file, twice.
        // (Tests ask for blocks of a few bytes: those are not pooled, so a block is exactly that size.)
        pooled = blockBytes >= 4096;
        buffer = pooled ? ArrayPool<byte>.Shared.Rent(blockBytes) : new byte[blockBytes];
        file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        // The BOM is left out of the text (and counted in byte offsets), whatever the block size.
        Span<byte> start = stackalloc byte[3];
        if (file.ReadAtLeast(start, 3, throwOnEndOfStream: false) == 3 && TextDecoding.HasUtf8Bom(start)) bomBytes = 3;
        else file.Position = 0;
    }

    /// <summary>
    /// The next bytes up to and including the last line feed of what is buffered (all of it at the end of the file; the
    /// BOM left out), empty at the end; valid until the next call.
    /// </summary>
    public ReadOnlySpan<byte> NextPiece()
    {
        while (true)
        {
            var pending = buffer.AsSpan(consumed, filled - consumed);
            var nl = pending.LastIndexOf((byte)'\n');
            if (nl >= 0)
            {
                consumed += nl + 1;
                return pending[..(nl + 1)];
            }
            if (atEnd)
            {
                consumed = filled;
                return pending;
            }
            // Keep what is pending at the front, grow for a line longer than the buffer, and read on.
            pending.CopyTo(buffer);
            filled = pending.Length;
            consumed = 0;
            if (filled == buffer.Length)
            {
                var larger = pooled ? ArrayPool<byte>.Shared.Rent(buffer.Length * 2) : new byte[buffer.Length * 2];
                buffer.AsSpan(0, filled).CopyTo(larger);
                if (pooled) ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            var read = file.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
            filled += read;
            if (filled < buffer.Length) atEnd = true;
        }
    }

    /// <summary>
    /// The 1-based line and byte offset (from the start of the file, BOM included) of the first byte that is not UTF-8,
    /// or null when the whole file is valid.
    /// </summary>
    public static (long Line, long Offset)? FirstInvalid(string path, int blockBytes = BlockBytes) => Check(path, blockBytes).FirstInvalid;

    /// <summary>
    /// <see cref="FirstInvalid"/>, and for a valid file the hash of its bytes (<see cref="FileContentHash"/>), made in the same
    /// read: the batch's fingerprint needs every file's, and hashing them in a read of their own read every byte twice.
    /// </summary>
    public static ((long Line, long Offset)? FirstInvalid, string? ContentHash) Check(string path, int blockBytes = BlockBytes)
    {
        using var chunks = new Utf8Chunks(path, blockBytes);
        var hash = new FileContentHash();
        if (chunks.bomBytes > 0) hash.Append(TextDecoding.Utf8Bom);
        long offset = -1, lines = 0;
        while (true)
        {
            var piece = chunks.NextPiece();
            if (offset < 0) offset = chunks.bomBytes;
            if (piece.IsEmpty) return (null, hash.Finish());
            var bad = TextDecoding.FirstInvalidUtf8(piece);
            if (bad >= 0) return ((1 + lines + piece[..(int)bad].Count((byte)'\n'), offset + bad), null);
            hash.Append(piece);
            lines += piece.Count((byte)'\n');
            offset += piece.Length;
        }
    }

    public void Dispose()
    {
        file.Dispose();
        if (pooled && buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }
}

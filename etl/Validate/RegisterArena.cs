namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// Where the registers of one batch live: fixed-size blocks carved out of 1 MiB slabs. A year of an LA is
/// hundreds of thousands of blocks; as separate arrays the garbage collector copied and marked every one of
/// them several times during a load, as slabs it sees a few dozen large arrays it never moves.
/// Handles are 1-based (0 = no block). Thread-safe.
/// </summary>
public sealed class RegisterArena(int blockBytes, int slabBytes = 1 << 20)
{
    private readonly int blocksPerSlab = blockBytes > 0 && slabBytes >= blockBytes
        ? slabBytes / blockBytes
        : throw new ArgumentOutOfRangeException(nameof(slabBytes), $"a slab of {slabBytes} bytes cannot hold a block of {blockBytes}");
    private readonly Lock gate = new();
    private byte[][] slabs = [];
    private int allocated;

    public int BlockBytes => blockBytes;

    /// <summary>A new zeroed block's handle.</summary>
    public int Allocate()
    {
        lock (gate)
        {
            if (allocated == slabs.Length * blocksPerSlab)
            {
                var grown = new byte[slabs.Length + 1][];
                Array.Copy(slabs, grown, slabs.Length);
                grown[^1] = new byte[blocksPerSlab * blockBytes];
                Volatile.Write(ref slabs, grown);
            }
            return ++allocated;
        }
    }

    /// <summary>The block's bytes; <paramref name="handle"/> must come from <see cref="Allocate"/>.</summary>
    public Span<byte> Block(int handle)
    {
        var i = handle - 1;
        return Volatile.Read(ref slabs)[i / blocksPerSlab].AsSpan(i % blocksPerSlab * blockBytes, blockBytes);
    }
}

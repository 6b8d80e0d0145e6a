namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// A pupil's enrolments at one school and this batch's register for them: the code id of each session marked
/// so far (0 = not marked), one byte per day × session from the earliest entry date. It both detects a second
/// mark for a session (exactly, across parser threads: the code is set with a compare-and-swap) and, after a
/// load into an empty warehouse, is what the aggregates are counted from without reading the marks back.
/// Stored in blocks of 64 days (128 bytes, from the batch's <see cref="RegisterArena"/>) allocated when first
/// marked, so an open-ended enrolment costs nothing until marked and a daily load costs one block per
/// enrolment; blocks are only created, or the block table grown, under a lock (once per block).
/// </summary>
internal sealed class EnrolmentSlot
{
    public const int BlockDays = 64;
    public const int BlockBytes = BlockDays * 2;

    private readonly RegisterArena arena;
    private readonly int[] starts;
    private readonly int[] ends;
    private int[] blocks = [];

    public EnrolmentSlot(int urn, List<(int Start, int End)> intervals, RegisterArena arena)
    {
        if (arena.BlockBytes != BlockBytes) throw new ArgumentException($"the arena's blocks are {arena.BlockBytes} bytes, a register block is {BlockBytes}", nameof(arena));
        Urn = urn;
        this.arena = arena;
        starts = intervals.Select(i => i.Start).ToArray();
        ends = intervals.Select(i => i.End).ToArray();
        BaseDay = starts.Min();
    }

    public int Urn { get; }

    /// <summary>Day number of the first day of block 0.</summary>
    public int BaseDay { get; }

    public bool Covers(int dayNumber)
    {
        for (var i = 0; i < starts.Length; i++)
            if (dayNumber >= starts[i] && dayNumber <= ends[i]) return true;
        return false;
    }

    /// <summary>Records the session's code; false when it already had one (a duplicate mark). Day must be covered.</summary>
    public bool TryMark(int dayNumber, int session, byte codeId)
    {
        var index = (long)(dayNumber - BaseDay) * 2 + session;
        var blockIndex = (int)(index / BlockBytes);
        var table = Volatile.Read(ref blocks);
        var handle = blockIndex < table.Length ? Volatile.Read(ref table[blockIndex]) : 0;
        if (handle == 0) handle = GetOrCreateBlock(blockIndex);
        return Interlocked.CompareExchange(ref arena.Block(handle)[(int)(index % BlockBytes)], codeId, 0) == 0;
    }

    /// <summary>
    /// Clears a session marked by <see cref="TryMark"/>, when its mark is withdrawn as a conflict. Only after every
    /// parser thread has finished.
    /// </summary>
    public void Unmark(int dayNumber, int session)
    {
        var index = (long)(dayNumber - BaseDay) * 2 + session;
        var blockIndex = (int)(index / BlockBytes);
        if (blockIndex < blocks.Length && blocks[blockIndex] != 0) arena.Block(blocks[blockIndex])[(int)(index % BlockBytes)] = 0;
    }

    /// <summary>Blocks in the register: block i covers days BaseDay + i × BlockDays onwards.</summary>
    public int BlockCount => blocks.Length;

    /// <summary>
    /// Block i of the register in day order, two bytes a day (AM, PM); empty when nothing in it was marked.
    /// Read only after every parser thread has finished.
    /// </summary>
    public ReadOnlySpan<byte> Block(int i) => blocks[i] == 0 ? [] : arena.Block(blocks[i]);

    /// <summary>The first and last day with a mark, or null when the register holds none. Read only after every parser thread has finished.</summary>
    public (int First, int Last)? MarkedDays()
    {
        var first = -1;
        for (var b = 0; b < BlockCount && first < 0; b++)
            if (Block(b).IndexOfAnyExcept((byte)0) is var at and >= 0) first = BaseDay + b * BlockDays + at / 2;
        if (first < 0) return null;
        for (var b = BlockCount - 1; ; b--)
            if (Block(b).LastIndexOfAnyExcept((byte)0) is var at and >= 0) return (first, BaseDay + b * BlockDays + at / 2);
    }

    private int GetOrCreateBlock(int blockIndex)
    {
        lock (this)
        {
            var table = blocks;
            if (blockIndex >= table.Length)
            {
                var grown = new int[Math.Max(blockIndex + 1, table.Length * 2)];
                Array.Copy(table, grown, table.Length);
                table = grown;
                Volatile.Write(ref blocks, table);
            }
            if (table[blockIndex] == 0) Volatile.Write(ref table[blockIndex], arena.Allocate());
            return table[blockIndex];
        }
    }
}

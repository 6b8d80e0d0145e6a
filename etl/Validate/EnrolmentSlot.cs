using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// A pupil's enrolments at one school and the sessions marked so far. The bitmap (bit = day × 2 + session,
/// from the earliest entry date) is split into lazily allocated blocks of 1,024 bits so an open-ended
/// enrolment costs nothing until marked; bits are set with Interlocked.Or so duplicate detection is exact
/// across parser threads. Blocks are only created or the block table grown under a lock (once per block).
/// </summary>
internal sealed class EnrolmentSlot
{
    private const int BlockBits = 1024, BlockShift = 10, BlockLongs = BlockBits / 64;

    private readonly int[] starts;
    private readonly int[] ends;
    private readonly int baseDay;
    private long[]?[] blocks = [];

    public EnrolmentSlot(int urn, List<(int Start, int End)> intervals)
    {
        Urn = urn;
        starts = intervals.Select(i => i.Start).ToArray();
        ends = intervals.Select(i => i.End).ToArray();
        baseDay = starts.Min();
    }

    public int Urn { get; }

    public bool Covers(int dayNumber)
    {
        for (var i = 0; i < starts.Length; i++)
            if (dayNumber >= starts[i] && dayNumber <= ends[i]) return true;
        return false;
    }

    /// <summary>Sets the bit for (day, session); false when it was already set (a duplicate mark). Day must be covered.</summary>
    public bool TryMark(int dayNumber, int session)
    {
        var bit = (long)(dayNumber - baseDay) * 2 + session;
        var blockIndex = (int)(bit >> BlockShift);
        var table = Volatile.Read(ref blocks);
        var block = blockIndex < table.Length ? table[blockIndex] : null;
        block ??= GetOrCreateBlock(blockIndex);
        var inBlock = (int)(bit & (BlockBits - 1));
        var mask = 1L << (inBlock & 63);
        return (Interlocked.Or(ref block[inBlock >> 6], mask) & mask) == 0;
    }

    private long[] GetOrCreateBlock(int blockIndex)
    {
        lock (this)
        {
            var table = blocks;
            if (blockIndex >= table.Length)
            {
                var grown = new long[]?[Math.Max(blockIndex + 1, table.Length * 2)];
                Array.Copy(table, grown, table.Length);
                table = grown;
                Volatile.Write(ref blocks, table);
            }
            return table[blockIndex] ??= new long[BlockLongs];
        }
    }
}

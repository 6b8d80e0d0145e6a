using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// What marks are validated against: every known pupil (this batch's enrolments plus the warehouse's) and,
/// per (pupil, school), the enrolment intervals and a bitmap of day × session already marked in this batch.
/// Looked up by UPN without allocating through an alternate lookup on ReadOnlySpan&lt;char&gt;.
/// </summary>
internal sealed class MarksIndex
{
    private readonly Dictionary<string, PupilEntry> byUpn;

    public Dictionary<string, PupilEntry>.AlternateLookup<ReadOnlySpan<char>> ByUpnSpan { get; }

    public int PupilCount => byUpn.Count;

    /// <summary>Schools of other LAs left out by --la (URN → LA code): their marks are rejected as UnknownSchool.</summary>
    public IReadOnlyDictionary<int, int> OtherLaSchools { get; set; } = new Dictionary<int, int>();
    public int? LaCode { get; set; }

    private MarksIndex(Dictionary<string, PupilEntry> byUpn)
    {
        this.byUpn = byUpn;
        ByUpnSpan = byUpn.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static MarksIndex Build(IReadOnlyList<EnrolmentRecord> enrolments, IReadOnlyDictionary<string, int> newPupilIds,
        ExistingWarehouseState existing)
    {
        var byUpn = new Dictionary<string, PupilEntry>(existing.PupilIdsByUpn.Count + newPupilIds.Count, StringComparer.Ordinal);
        var byId = new Dictionary<int, PupilEntry>();
        var intervals = new Dictionary<PupilEntry, Dictionary<int, List<(int Start, int End)>>>();

        PupilEntry Pupil(string upn, int id)
        {
            if (!byUpn.TryGetValue(upn, out var p))
            {
                p = new PupilEntry(id);
                byUpn[upn] = p;
                byId[id] = p;
            }
            return p;
        }

        void AddInterval(PupilEntry p, int urn, DateOnly entry, DateOnly? leaving)
        {
            if (!intervals.TryGetValue(p, out var bySchool)) intervals[p] = bySchool = [];
            if (!bySchool.TryGetValue(urn, out var list)) bySchool[urn] = list = [];
            list.Add((entry.DayNumber, leaving?.DayNumber ?? int.MaxValue));
        }

        foreach (var (upn, id) in existing.PupilIdsByUpn) Pupil(upn, id);
        foreach (var (upn, id) in newPupilIds) Pupil(upn, id);
        foreach (var e in existing.Enrolments)
            if (byId.TryGetValue(e.PupilId, out var p)) AddInterval(p, e.Urn, e.EntryDate, e.LeavingDate);
        foreach (var e in enrolments)
            AddInterval(byUpn.TryGetValue(e.Upn, out var p) ? p : Pupil(e.Upn, existing.PupilIdsByUpn[e.Upn]), e.SchoolUrn, e.EntryDate, e.LeavingDate);

        foreach (var (p, bySchool) in intervals)
            p.Slots = bySchool.Select(kv => new EnrolmentSlot(kv.Key, kv.Value)).ToArray();
        return new MarksIndex(byUpn);
    }
}

internal sealed class PupilEntry(int pupilId)
{
    public int PupilId { get; } = pupilId;
    /// <summary>One per school the pupil has (had) an enrolment at; usually one or two.</summary>
    public EnrolmentSlot[] Slots { get; set; } = [];

    public EnrolmentSlot? Slot(int urn)
    {
        foreach (var s in Slots)
            if (s.Urn == urn) return s;
        return null;
    }
}

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

using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// What marks are validated against: every known pupil (this batch's enrolments plus the warehouse's) and,
/// per (pupil, school), the enrolment intervals and the register of sessions marked so far in this batch
/// (<see cref="EnrolmentSlot"/>).
/// Looked up by UPN without allocating through an alternate lookup on ReadOnlySpan&lt;char&gt;.
/// </summary>
internal sealed class MarksIndex
{
    private readonly Dictionary<string, PupilEntry> byUpn;

    public Dictionary<string, PupilEntry>.AlternateLookup<ReadOnlySpan<char>> ByUpnSpan { get; }

    public int PupilCount => byUpn.Count;

    /// <summary>Every known pupil with their enrolment slots (and, after streaming, their registers).</summary>
    public IEnumerable<PupilEntry> Pupils => byUpn.Values;

    /// <summary>Which mark dates are allowed (set before streaming).</summary>
    public DateRules Dates { get; set; } = DateRules.FromClock(TimeProvider.System);

    /// <summary>Schools whose Saturday and Sunday marks are accepted: they declared weekend sessions.</summary>
    public IReadOnlySet<int> WeekendSessionSchools { get; set; } = new HashSet<int>();

    /// <summary>
    /// Whether school <paramref name="urn"/> may have a mark on this day: any weekday, a Saturday or Sunday only
    /// if it declared weekend sessions (looked up only then). The parser asks once the school and enrolment are
    /// known to be real, so a row about another LA's school or no enrolment says that instead.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool OpenOn(int dayNumber, int urn) => !DateRules.IsWeekend(dayNumber) || WeekendSessionSchools.Contains(urn);

    /// <summary>Why a weekend mark was rejected (error path only: <see cref="OpenOn"/> was false).</summary>
    public static DateRejection WeekendProblem(int dayNumber, int urn)
    {
        var date = DateOnly.FromDayNumber(dayNumber);
        return new DateRejection(RejectionReason.WeekendMark,
            $"{date:yyyy-MM-dd} is a {date.DayOfWeek} and school {urn} has not declared weekend sessions " +
            $"({Read.InputKinds.WeekendSessionsColumn} in the schools file)");
    }

    private MarksIndex(Dictionary<string, PupilEntry> byUpn)
    {
        this.byUpn = byUpn;
        ByUpnSpan = byUpn.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>No pupils: what a batch without marks files validates against.</summary>
    public static MarksIndex Empty => new(new Dictionary<string, PupilEntry>(StringComparer.Ordinal));

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

        var arena = new RegisterArena(EnrolmentSlot.BlockBytes);
        foreach (var (p, bySchool) in intervals)
            p.Slots = bySchool.Select(kv => new EnrolmentSlot(kv.Key, kv.Value, arena)).ToArray();
        return new MarksIndex(byUpn);
    }
}

using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// Rows of DfE pupil-level attendance files: each is a pupil's session totals at a school for one school week,
/// with the pupil's date of birth, sex, year group and admission to the school. The rows also give the pupil and
/// the enrolment, so a warehouse can be loaded from these files and a schools file alone. The row rules are
/// <see cref="SessionTotalsRules"/>'s (with <see cref="UpnRules"/>, <see cref="SchoolRules"/> and <see cref="EnrolmentRules"/>).
/// </summary>
internal sealed partial class SmallFileReaders
{
    public List<SessionTotalsRecord> SessionTotals { get; } = [];

    private readonly SessionTotalsRepeats totalsRepeats = new();

    /// <summary>
    /// The valid UPNs DfE rows named, each once, with an index the per-row keys use instead of the string (a year of weekly
    /// files names each of ~100,000 pupils ~38 times: hashing and keeping a string per row was most of reading them), and
    /// the pupil's id once a row of theirs loads (0 before).
    /// </summary>
    private readonly Dictionary<string, int> totalsUpns = new(StringComparer.Ordinal);
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> TotalsUpnLookup => field.Dictionary is null ? field = totalsUpns.GetAlternateLookup<ReadOnlySpan<char>>() : field;
    private readonly List<(string Upn, int PupilId)> totalsPupils = [];

    /// <summary>
    /// Enrolments the totals rows describe, by (UPN, URN, admission date), first seen first: the row of the latest week wins.
    /// <see cref="totalsEnrolmentIndex"/> finds one; most rows are the pupil's last enrolment again, which
    /// <see cref="lastEnrolment"/> (by pupil number) finds without hashing.
    /// </summary>
    private readonly List<TotalsEnrolment> totalsEnrolments = [];
    private readonly Dictionary<(int Upn, int Urn, DateOnly Admission), int> totalsEnrolmentIndex = [];
    private int[] lastEnrolment = [];

    private record struct TotalsEnrolment(int Pupil, int Urn, DateOnly Admission, DateOnly Week, DateOnly? Leaving, DateOnly Dob, string Sex, string YearGroup);

    /// <summary>The DfE rows' parser when they are read on this thread (<see cref="ReadOptions.Threads"/> 1, or a row read again).</summary>
    private TotalsRowParser RowParser => field ??= new TotalsRowParser(options);

    /// <summary>
    /// A DfE row read on this thread. Its rules in order: the UPN, the fields (<see cref="TotalsRowParser"/>), a school not yet
    /// known, a second row for the pupil's week. <see cref="TotalsReadAhead"/> asks the same of a row parsed ahead.
    /// </summary>
    private void SessionTotalsRow(RowContext r)
    {
        if (r.Rejected(TotalsUpn(r.Value("UPN"), out var pupil))) return;
        if (!RowParser.TryParse(r, out var row)) return;
        LearnedSchoolRecord? learned = null;
        if (schoolRules.Unknown("unique_reference_number", row.Urn) is { } unknown && !LearnSchool(r, row.Urn, unknown, row.Las, out learned)) return;
        if (r.Rejected(totalsRepeats.Repeated(pupil, row.Urn, row.Start))) return;
        AddTotals(pupil, row, learned);
    }

    /// <summary>A valid row's totals, enrolment, characteristics and (another LA's) school into the batch.</summary>
    private void AddTotals(int pupil, in ParsedTotalsRow row, LearnedSchoolRecord? learned)
    {
        ref var known = ref TotalsEnrolmentOf(pupil, row.Urn, row.Admission, out var seen);
        if (!seen || known.Week < row.Start)
            known = new TotalsEnrolment(pupil, row.Urn, row.Admission, row.Start, row.Leaving, row.Dob, row.Sex, row.YearGroup);
        AddTotalsCharacteristics(pupil, row.Characteristics);
        if (row.Las is { } las && (row.Urn != lastLaUrn || !ReferenceEquals(las.SchoolUkprn, lastLaUkprn)))
        {
            // Rows come school by school: the school's LA is written when it changes, not every row.
            SchoolLaUkprns[row.Urn] = lastLaUkprn = las.SchoolUkprn;
            lastLaUrn = row.Urn;
        }
        // Only a row that loads teaches the warehouse its school: a rejected one leaves no empty school behind (--skip-invalid).
        if (learned is not null)
        {
            schoolRules.Learned(row.Urn);
            LearnedSchools.Add(learned);
        }
        SessionTotals.Add(new SessionTotalsRecord(TotalsPupilId(pupil), row.Urn, row.Start, row.End,
            row.Possible, row.Present, row.Aea, row.Authorised, row.Unauthorised));
    }

    /// <summary>The pupil's enrolment at the school from that admission date, to be written; <paramref name="seen"/> false for a new one.</summary>
    private ref TotalsEnrolment TotalsEnrolmentOf(int pupil, int urn, DateOnly admission, out bool seen)
    {
        if (pupil >= lastEnrolment.Length)
        {
            var grown = new int[Math.Max(1024, Math.Max(pupil + 1, lastEnrolment.Length * 2))];
            Array.Fill(grown, -1);
            lastEnrolment.CopyTo(grown, 0);
            lastEnrolment = grown;
        }
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(totalsEnrolments);
        var last = lastEnrolment[pupil];
        seen = true;
        if (last >= 0 && span[last].Urn == urn && span[last].Admission == admission) return ref span[last];
        if (!totalsEnrolmentIndex.TryGetValue((pupil, urn, admission), out last))
        {
            seen = false;
            last = totalsEnrolments.Count;
            totalsEnrolmentIndex[(pupil, urn, admission)] = last;
            totalsEnrolments.Add(default);
            span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(totalsEnrolments);
        }
        lastEnrolment[pupil] = last;
        return ref span[last];
    }

    /// <summary>
    /// Each DfE pupil's characteristics merged row by row as <see cref="AddCharacteristics"/> merges them, held by pupil number
    /// while the files are read and written to <see cref="Characteristics"/> once they all are (DfE files are read last),
    /// with no hashing of the UPN a row: written back after each file, a year of weekly files hashed each pupil's UPN twice
    /// a file, a tenth of reading them.
    /// </summary>
    private PupilCharacteristicsRecord?[] totalsCharacteristics = [];
    private bool[] totalsCharacteristicsTaken = [];

    private void AddTotalsCharacteristics(int pupil, PupilCharacteristicsRecord? read)
    {
        if (read is null || !read.GivesAnything) return;
        if (pupil >= totalsCharacteristics.Length)
        {
            var size = Math.Max(1024, Math.Max(pupil + 1, totalsCharacteristics.Length * 2));
            Array.Resize(ref totalsCharacteristics, size);
            Array.Resize(ref totalsCharacteristicsTaken, size);
        }
        if (!totalsCharacteristicsTaken[pupil])
        {
            // The pupil's characteristics as other files left them (a pupils file read before), taken over until the flush.
            totalsCharacteristicsTaken[pupil] = true;
            totalsCharacteristics[pupil] = Characteristics.GetValueOrDefault(totalsPupils[pupil].Upn);
        }
        totalsCharacteristics[pupil] = PupilCharacteristicsRecord.Merge(totalsCharacteristics[pupil], read);
    }

    /// <summary>The characteristics the DfE rows gave, into <see cref="Characteristics"/> (once every DfE file is read).</summary>
    public void FlushTotalsCharacteristics()
    {
        for (var pupil = 0; pupil < totalsCharacteristicsTaken.Length; pupil++)
        {
            if (!totalsCharacteristicsTaken[pupil]) continue;
            totalsCharacteristicsTaken[pupil] = false;
            if (totalsCharacteristics[pupil] is { } merged) Characteristics[totalsPupils[pupil].Upn] = merged;
            totalsCharacteristics[pupil] = null;
        }
    }

    /// <summary>
    /// The pupil whose row came after each pupil's row last time (-1: none yet), and the last row's pupil: weekly files list
    /// the same pupils in much the same order, so the next row's UPN is found by one comparison, not hashed (hashing
    /// it was a tenth of reading a year of files). A pupil who joins or leaves costs one lookup.
    /// </summary>
    private int[] pupilAfter = [];
    private int lastTotalsPupil = -1;

    /// <summary>Each pupil's UPN as <see cref="UpnKey"/>, by pupil number: what the guess compares.</summary>
    private long[] pupilKeys = [];

    /// <summary>The row's UPN as an index into <see cref="totalsPupils"/>, or why it is missing or invalid.</summary>
    private RowProblem? TotalsUpn(ReadOnlySpan<char> value, out int pupil) => TotalsUpn(value, UpnKey(value), out pupil);

    /// <summary><paramref name="key"/> is <paramref name="value"/>'s <see cref="UpnKey"/>, worked out where the row was parsed.</summary>
    private RowProblem? TotalsUpn(ReadOnlySpan<char> value, long key, out int pupil)
    {
        var previous = lastTotalsPupil;
        if (previous >= 0 && pupilAfter[previous] is >= 0 and var expected &&
            (key >= 0 ? pupilKeys[expected] == key : value.SequenceEqual(totalsPupils[expected].Upn)))
        {
            pupil = lastTotalsPupil = expected;
            return null;
        }
        if (!TotalsUpnLookup.TryGetValue(value, out pupil))
        {
            var upn = value.ToString();
            if (UpnRules.Problem("UPN", upn) is { } problem) return problem;
            pupil = totalsPupils.Count;
            totalsUpns[upn] = pupil;
            totalsPupils.Add((upn, 0));
            if (pupil >= pupilAfter.Length)
            {
                var grown = new int[Math.Max(1024, pupilAfter.Length * 2)];
                Array.Fill(grown, -1);
                pupilAfter.CopyTo(grown, 0);
                pupilAfter = grown;
                Array.Resize(ref pupilKeys, grown.Length);
            }
            pupilKeys[pupil] = key;
        }
        if (previous >= 0) pupilAfter[previous] = pupil;
        lastTotalsPupil = pupil;
        return null;
    }

    /// <summary>
    /// A UPN of the usual form (a capital letter, eleven digits, a digit or capital letter) as a number, one number per UPN, or
    /// -1 for any other text. The guess compares these rather than the UPNs' text: the pupils' strings lie all over the
    /// heap, and reading each row's expected one was a fifth of the applying thread's time on a year of files.
    /// </summary>
    internal static long UpnKey(ReadOnlySpan<char> upn)
    {
        if (upn.Length != 13 || !char.IsAsciiLetterUpper(upn[0])) return -1;
        long key = upn[0] - 'A';
        for (var i = 1; i < 12; i++)
        {
            if (!char.IsAsciiDigit(upn[i])) return -1;
            key = key * 10 + (upn[i] - '0');
        }
        var last = upn[12];
        return char.IsAsciiDigit(last) ? key * 36 + (last - '0')
            : char.IsAsciiLetterUpper(last) ? key * 36 + 10 + (last - 'A')
            : -1;
    }

    /// <summary>The pupil's id (the warehouse's, or the batch's new one, given in the order pupils are first seen).</summary>
    private int TotalsPupilId(int pupil)
    {
        var (upn, id) = totalsPupils[pupil];
        if (id != 0) return id;
        AssignPupilId(upn);
        id = existing.PupilIdsByUpn.TryGetValue(upn, out var known) ? known : NewPupilIds[upn];
        totalsPupils[pupil] = (upn, id);
        return id;
    }

    /// <summary>The UKPRN of each school's LA as the batch's DfE rows gave it: rows at the LA's own schools tell the LA's.</summary>
    public Dictionary<int, string> SchoolLaUkprns { get; } = [];

    private int lastLaUrn;
    private string? lastLaUkprn;

    /// <summary>Other LAs' schools described by the batch's DfE rows (<see cref="ResidencyRules"/>), first row first.</summary>
    public List<LearnedSchoolRecord> LearnedSchools { get; } = [];

    /// <summary>
    /// A row at a school the warehouse does not know: the school the row describes, when it may describe one
    /// (<see cref="ResidencyRules.LearnedSchool"/>), kept once the whole row is valid; otherwise the row is rejected. False when rejected.
    /// </summary>
    private bool LearnSchool(RowContext r, int urn, RowProblem unknown, DfeHomeLa? las, out LearnedSchoolRecord? learned)
    {
        learned = null;
        var name = r[ResidencyRules.SchoolName].Trim();
        var laName = r[ResidencyRules.SchoolLaName].Trim();
        if (r.Rejected(ResidencyRules.LearnedSchool(unknown, las, existing.ServedLaUkprn, name, laName, r[ResidencyRules.Phase], out var phase))) return false;
        learned = new LearnedSchoolRecord(urn, name, phase!, las!.SchoolUkprn, laName);
        return true;
    }

    /// <summary>
    /// The enrolments the totals rows describe, added after every file is read: a pupils file in the same batch
    /// describes the same enrolment from the school's own system, so its row is kept instead.
    /// </summary>
    public void AddEnrolmentsFromSessionTotals()
    {
        foreach (var e in totalsEnrolments)
        {
            var upn = totalsPupils[e.Pupil].Upn;
            if (enrolmentRules.Claim((upn, e.Urn, e.Admission))) Enrolments.Add(new EnrolmentRecord(upn, e.Urn, e.Admission, e.Leaving, e.Dob, e.Sex, e.YearGroup));
        }
    }
}

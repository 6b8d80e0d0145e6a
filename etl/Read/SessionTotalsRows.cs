using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;
using Cols = AttendanceGraph.Etl.Read.InputKinds.SessionTotalsColumns;

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

    /// <summary>Short values repeated on every row (year groups, UKPRNs, LA names), one string each.</summary>
    private readonly Dictionary<string, string> shortValues = new(StringComparer.Ordinal);
    private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ShortValueLookup => field.Dictionary is null ? field = shortValues.GetAlternateLookup<ReadOnlySpan<char>>() : field;

    /// <summary>The home-and-school LAs of DfE rows, one object per combination (rows repeat a handful of them).</summary>
    private readonly Dictionary<(string, string?, string), DfeHomeLa> dfeLas = [];
    private DfeHomeLa? lastLas;

    // DfE has given dates both ways; the pupils file's ISO form and the UK form are both unambiguous.
    private static bool AnyDate(ReadOnlySpan<char> s, out DateOnly d) => TextDecoding.TryIsoDate(s, out d) || TextDecoding.TryUkDate(s, out d);

    private void SessionTotalsRow(RowContext r)
    {
        if (!TotalsUpn(r, out var pupil)) return;
        var upn = totalsPupils[pupil].Upn;
        if (!r.Int("unique_reference_number", out var urn)) return;
        if (!DfeLas(r, out var las)) return;
        LearnedSchoolRecord? learned = null;
        if (schoolRules.Unknown("unique_reference_number", urn) is { } unknown && !LearnSchool(r, urn, unknown, las, out learned)) return;
        if (!RequiredDate(r, "DOB", out var dob)) return;
        var sex = SessionTotalsRules.Sex(r.Value("sex"));
        if (sex is null && r.Rejected(SessionTotalsRules.SexProblem(r["sex"], out _))) return;
        var yearGroup = Short(r.Value("year_group"));
        if (r.Rejected(RowRules.Required("year_group", yearGroup))) return;
        if (!RequiredDate(r, "admission_date", out var admission)) return;
        if (!r.OptionalDate(Cols.LeavingDate, AnyDate, "yyyy-mm-dd or dd/mm/yyyy", out var leaving)) return;
        if (r.Rejected(RowRules.EndBeforeStart(Cols.LeavingDate, "leaving date", leaving, "admission date", admission))) return;

        DateOnly start, end;
        if (r.Has(Cols.PeriodStart) || r.Has(Cols.PeriodEnd))
        {
            if (!RequiredDate(r, Cols.PeriodStart, out start) || !RequiredDate(r, Cols.PeriodEnd, out end)) return;
        }
        else if (options.TotalsSpan is { } given) (start, end) = given;
        else
        {
            r.Rejected(SessionTotalsRules.NoSpan(Cols.PeriodStart));
            return;
        }
        var spanColumn = r.Has(Cols.PeriodStart) ? Cols.PeriodStart : "--period-start";
        if (r.Rejected(SessionTotalsRules.Span(spanColumn, start, end, options.Dates))) return;
        if (r.Rejected(SessionTotalsRules.NotOnRoll(start, end, admission, leaving))) return;

        var max = SessionTotalsRules.MaxSessions(start, end);
        if (!Count(r, "possible_sessions", max, out var possible) || !Count(r, "present_sessions", max, out var present) ||
            !Count(r, "approved_educational_activity_sessions", max, out var aea) ||
            !Count(r, "authorised_absent_sessions", max, out var authorised) ||
            !Count(r, "unauthorised_absent_sessions", max, out var unauthorised)) return;
        if (SessionTotalsRules.ArithmeticProblem(possible, present, aea, authorised, unauthorised) is { } sum)
        {
            r.Reject("possible_sessions", RejectionReason.TotalsDoNotAddUp, sum);
            return;
        }
        if (r.Has(Cols.Absent) && r.Value(Cols.Absent).Length > 0)
        {
            if (!Count(r, Cols.Absent, max, out var absent)) return;
            if (r.Rejected(SessionTotalsRules.AbsentProblem(Cols.Absent, absent, authorised, unauthorised))) return;
        }
        if (r.Rejected(totalsRepeats.Repeated(pupil, urn, start))) return;
        if (!DfeCharacteristics(r, start, urn, las, out var characteristics)) return;
        ref var known = ref TotalsEnrolmentOf(pupil, urn, admission, out var seen);
        if (!seen || known.Week < start) known = new TotalsEnrolment(pupil, urn, admission, start, leaving, dob, sex!, yearGroup);
        AddTotalsCharacteristics(pupil, characteristics);
        if (las is not null) SchoolLaUkprns[urn] = las.SchoolUkprn;
        // Only a row that loads teaches the warehouse its school: a rejected one leaves no empty school behind (--skip-invalid).
        if (learned is not null)
        {
            schoolRules.Learned(urn);
            LearnedSchools.Add(learned);
        }
        SessionTotals.Add(new SessionTotalsRecord(TotalsPupilId(pupil), urn, start, end, (byte)possible, (byte)present, (byte)aea, (byte)authorised, (byte)unauthorised));
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

    /// <summary>The row's UPN as an index into <see cref="totalsPupils"/>; false (the row rejected) when missing or invalid.</summary>
    private bool TotalsUpn(RowContext r, out int pupil)
    {
        var value = r.Value("UPN");
        var previous = lastTotalsPupil;
        if (previous >= 0 && pupilAfter[previous] is >= 0 and var expected && value.SequenceEqual(totalsPupils[expected].Upn))
        {
            pupil = lastTotalsPupil = expected;
            return true;
        }
        if (!TotalsUpnLookup.TryGetValue(value, out pupil))
        {
            var upn = r["UPN"];
            if (r.Rejected(UpnRules.Problem("UPN", upn))) return false;
            pupil = totalsPupils.Count;
            totalsUpns[upn] = pupil;
            totalsPupils.Add((upn, 0));
            if (pupil >= pupilAfter.Length)
            {
                var grown = new int[Math.Max(1024, pupilAfter.Length * 2)];
                Array.Fill(grown, -1);
                pupilAfter.CopyTo(grown, 0);
                pupilAfter = grown;
            }
        }
        if (previous >= 0) pupilAfter[previous] = pupil;
        lastTotalsPupil = pupil;
        return true;
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

    private string Short(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty) return "";
        if (ShortValueLookup.TryGetValue(value, out var s)) return s;
        s = value.ToString();
        if (shortValues.Count < 4096) shortValues[s] = s;
        return s;
    }

    /// <summary>The UKPRN of each school's LA as the batch's DfE rows gave it: rows at the LA's own schools tell the LA's.</summary>
    public Dictionary<int, string> SchoolLaUkprns { get; } = [];

    /// <summary>Other LAs' schools described by the batch's DfE rows (<see cref="ResidencyRules"/>), first row first.</summary>
    public List<LearnedSchoolRecord> LearnedSchools { get; } = [];

    /// <summary>The row's home and school LAs, when it gives both UKPRNs; false (the row rejected) for a malformed one.</summary>
    private bool DfeLas(RowContext r, out DfeHomeLa? las)
    {
        las = null;
        string? home = null, school = null;
        if (r.Has(CharacteristicRules.DfeHomeLa) && !r.Characteristic(CharacteristicRules.DfeHomeLa, CharacteristicRules.TryUkprn, out home)) return false;
        if (r.Has(CharacteristicRules.DfeSchoolLa) && !r.Characteristic(CharacteristicRules.DfeSchoolLa, CharacteristicRules.TryUkprn, out school)) return false;
        if (home is null || school is null) return true;
        var name = r.Value(ResidencyRules.HomeLaName) is { IsEmpty: false } n ? Short(n) : null;
        // The parsed UKPRNs and names are one string per value, so the last row's combination is found by reference.
        if (lastLas is { } lastOne && ReferenceEquals(lastOne.HomeUkprn, home) && ReferenceEquals(lastOne.HomeName, name) && ReferenceEquals(lastOne.SchoolUkprn, school))
        {
            las = lastOne;
            return true;
        }
        if (!dfeLas.TryGetValue((home, name, school), out las))
        {
            las = new DfeHomeLa(home, name, school);
            if (dfeLas.Count < 4096) dfeLas[(home, name, school)] = las;
        }
        lastLas = las;
        return true;
    }

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
    /// The DfE file's characteristic columns, each read when present. Residency: the pupil's home LA and the school's LA
    /// (<paramref name="las"/>), resolved against the LA served at staging.
    /// </summary>
    private static bool DfeCharacteristics(RowContext r, DateOnly week, int urn, DfeHomeLa? las, out PupilCharacteristicsRecord? read)
    {
        read = null;
        string? ethnicity = null, need = null;
        bool? eal = null;
        if (r.Has(CharacteristicRules.DfeEthnicity) && !r.Characteristic(CharacteristicRules.DfeEthnicity, CharacteristicRules.TryEthnicity, out ethnicity)) return false;
        if (r.Has(CharacteristicRules.DfeEal) && !r.Characteristic(CharacteristicRules.DfeEal, CharacteristicRules.TryEal, out eal)) return false;
        if (r.Has(CharacteristicRules.DfeSenNeed) && !r.Characteristic(CharacteristicRules.DfeSenNeed, CharacteristicRules.TrySenNeed, out need)) return false;
        read = new PupilCharacteristicsRecord(week, urn, ethnicity, eal, need, null, las);
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

    private static bool RequiredDate(RowContext r, string column, out DateOnly value)
    {
        value = default;
        var s = r.Value(column);
        if (s.Length == 0) { r.Missing(column); return false; }
        if (AnyDate(s, out value)) return true;
        r.Reject(column, RejectionReason.BadDate, $"{LineExcerpt.Quote(s.ToString())} is not a date (yyyy-mm-dd or dd/mm/yyyy)");
        return false;
    }

    private static bool Count(RowContext r, string column, int max, out int value)
    {
        return r.Int(column, out value) && !r.Rejected(SessionTotalsRules.CountProblem(column, value, max));
    }
}

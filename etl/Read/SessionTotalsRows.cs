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

    /// <summary>Enrolments the totals rows describe, by (UPN, URN, admission date): the row of the latest week wins.</summary>
    private readonly Dictionary<(string, int, DateOnly), (DateOnly Week, EnrolmentRecord Enrolment)> totalsEnrolments = [];

    // DfE has given dates both ways; the pupils file's ISO form and the UK form are both unambiguous.
    private static bool AnyDate(ReadOnlySpan<char> s, out DateOnly d) => TextDecoding.TryIsoDate(s, out d) || TextDecoding.TryUkDate(s, out d);

    private void SessionTotalsRow(RowContext r)
    {
        var upn = r["UPN"];
        if (r.Rejected(UpnRules.Problem("UPN", upn))) return;
        if (!r.Int("unique_reference_number", out var urn)) return;
        if (!DfeLas(r, out var las)) return;
        LearnedSchoolRecord? learned = null;
        if (schoolRules.Unknown("unique_reference_number", urn) is { } unknown && !LearnSchool(r, urn, unknown, las, out learned)) return;
        if (!RequiredDate(r, "DOB", out var dob)) return;
        if (r.Rejected(SessionTotalsRules.SexProblem(r["sex"], out var sex))) return;
        var yearGroup = r["year_group"].Trim();
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
        if (r.Has(Cols.Absent) && r[Cols.Absent].Length > 0)
        {
            if (!Count(r, Cols.Absent, max, out var absent)) return;
            if (r.Rejected(SessionTotalsRules.AbsentProblem(Cols.Absent, absent, authorised, unauthorised))) return;
        }
        if (r.Rejected(totalsRepeats.Repeated(upn, urn, start))) return;
        if (!DfeCharacteristics(r, start, urn, las, out var characteristics)) return;
        SessionTotals.Add(new SessionTotalsRecord(upn, urn, start, end, (byte)possible, (byte)present, (byte)aea, (byte)authorised, (byte)unauthorised));
        var key = (upn, urn, admission);
        if (!totalsEnrolments.TryGetValue(key, out var known) || known.Week < start)
            totalsEnrolments[key] = (start, new EnrolmentRecord(upn, urn, admission, leaving, dob, sex, yearGroup));
        AddCharacteristics(upn, characteristics);
        if (las is not null) SchoolLaUkprns[urn] = las.SchoolUkprn;
        // Only a row that loads teaches the warehouse its school: a rejected one leaves no empty school behind (--skip-invalid).
        if (learned is not null)
        {
            schoolRules.Learned(urn);
            LearnedSchools.Add(learned);
        }
        AssignPupilId(upn);
    }

    /// <summary>The UKPRN of each school's LA as the batch's DfE rows gave it: rows at the LA's own schools tell the LA's.</summary>
    public Dictionary<int, string> SchoolLaUkprns { get; } = [];

    /// <summary>Other LAs' schools described by the batch's DfE rows (<see cref="ResidencyRules"/>), first row first.</summary>
    public List<LearnedSchoolRecord> LearnedSchools { get; } = [];

    /// <summary>The row's home and school LAs, when it gives both UKPRNs; false (the row rejected) for a malformed one.</summary>
    private static bool DfeLas(RowContext r, out DfeHomeLa? las)
    {
        las = null;
        string? home = null, school = null;
        if (r.Has(CharacteristicRules.DfeHomeLa) && !r.Characteristic(CharacteristicRules.DfeHomeLa, CharacteristicRules.TryUkprn, out home)) return false;
        if (r.Has(CharacteristicRules.DfeSchoolLa) && !r.Characteristic(CharacteristicRules.DfeSchoolLa, CharacteristicRules.TryUkprn, out school)) return false;
        if (home is not null && school is not null) las = new DfeHomeLa(home, r.OrNull(ResidencyRules.HomeLaName)?.Trim(), school);
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
        foreach (var (key, (_, enrolment)) in totalsEnrolments)
            if (enrolmentRules.Claim(key)) Enrolments.Add(enrolment);
    }

    private static bool RequiredDate(RowContext r, string column, out DateOnly value)
    {
        value = default;
        var s = r[column];
        if (s.Length == 0) { r.Missing(column); return false; }
        if (AnyDate(s.Trim(), out value)) return true;
        r.Reject(column, RejectionReason.BadDate, $"{LineExcerpt.Quote(s)} is not a date (yyyy-mm-dd or dd/mm/yyyy)");
        return false;
    }

    private static bool Count(RowContext r, string column, int max, out int value)
    {
        return r.Int(column, out value) && !r.Rejected(SessionTotalsRules.CountProblem(column, value, max));
    }
}

using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;
using Cols = AttendanceGraph.Etl.Read.InputKinds.SessionTotalsColumns;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// Rows of DfE pupil-level attendance files: each is a pupil's session totals at a school for one school week,
/// with the pupil's date of birth, sex, year group and admission to the school. The rows also give the pupil and
/// the enrolment, so a warehouse can be loaded from these files and a schools file alone.
/// </summary>
internal sealed partial class SmallFileReaders
{
    public List<SessionTotalsRecord> SessionTotals { get; } = [];

    private readonly HashSet<(string, int, DateOnly)> totalsKeys = [];

    /// <summary>Enrolments the totals rows describe, by (UPN, URN, admission date): the row of the latest week wins.</summary>
    private readonly Dictionary<(string, int, DateOnly), (DateOnly Week, EnrolmentRecord Enrolment)> totalsEnrolments = [];

    // DfE has given dates both ways; the pupils file's ISO form and the UK form are both unambiguous.
    private static bool AnyDate(ReadOnlySpan<char> s, out DateOnly d) => TextDecoding.TryIsoDate(s, out d) || TextDecoding.TryUkDate(s, out d);

    private void SessionTotalsRow(RowContext r)
    {
        if (!r.ValidUpn("UPN", out var upn)) return;
        if (!r.Int("unique_reference_number", out var urn)) return;
        if (!KnownSchool(r, "unique_reference_number", urn)) return;
        if (!RequiredDate(r, "DOB", out var dob)) return;
        var sex = SessionTotalsRules.Sex(r["sex"]);
        if (sex is null) { r.Reject("sex", RejectionReason.MissingValue, $"sex {LineExcerpt.Quote(r["sex"])} is neither male nor female"); return; }
        var yearGroup = r["year_group"].Trim();
        if (yearGroup.Length == 0) { r.Missing("year_group"); return; }
        if (!RequiredDate(r, "admission_date", out var admission)) return;
        if (!r.OptionalDate(Cols.LeavingDate, AnyDate, "yyyy-mm-dd or dd/mm/yyyy", out var leaving)) return;
        if (leaving < admission)
        {
            r.Reject(Cols.LeavingDate, RejectionReason.EndBeforeStart, $"leaving date {leaving:yyyy-MM-dd} is before admission date {admission:yyyy-MM-dd}");
            return;
        }

        DateOnly start, end;
        if (r.Has(Cols.PeriodStart) || r.Has(Cols.PeriodEnd))
        {
            if (!RequiredDate(r, Cols.PeriodStart, out start) || !RequiredDate(r, Cols.PeriodEnd, out end)) return;
        }
        else if (options.TotalsSpan is { } given) (start, end) = given;
        else
        {
            r.Reject(Cols.PeriodStart, RejectionReason.MissingValue,
                "the file has no period_start and period_end columns: give the week it covers with --period-start and --period-end");
            return;
        }
        var spanColumn = r.Has(Cols.PeriodStart) ? Cols.PeriodStart : "--period-start";
        if (SessionTotalsRules.SpanProblem(start, end) is { } spanProblem) { r.Reject(spanColumn, RejectionReason.BadSpan, spanProblem); return; }
        if (r.RejectedDate(spanColumn, options.Dates.SessionDayProblem("period start", start))) return;
        if (admission > end || leaving < start)
        {
            r.Reject("admission_date", RejectionReason.DateOutsideEnrolment,
                $"the pupil was not on roll in the period {start:yyyy-MM-dd} to {end:yyyy-MM-dd} (admitted {admission:yyyy-MM-dd}" +
                (leaving is { } l ? $", left {l:yyyy-MM-dd})" : ")"));
            return;
        }

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
            if (absent != authorised + unauthorised)
            {
                r.Reject(Cols.Absent, RejectionReason.TotalsDoNotAddUp,
                    $"absent_sessions {absent} is not authorised {authorised} + unauthorised {unauthorised} = {authorised + unauthorised}");
                return;
            }
        }
        if (!totalsKeys.Add((upn, urn, start)))
        {
            // The UPN is left out: the summary is printed, and the line number is enough to find the row.
            r.Reject("UPN", RejectionReason.DuplicateRow, $"the same pupil's totals at {urn} for the week of {start:yyyy-MM-dd} appear more than once in this batch");
            return;
        }
        if (!DfeCharacteristics(r, start, urn, out var characteristics)) return;
        SessionTotals.Add(new SessionTotalsRecord(upn, urn, start, end, (byte)possible, (byte)present, (byte)aea, (byte)authorised, (byte)unauthorised));
        var key = (upn, urn, admission);
        if (!totalsEnrolments.TryGetValue(key, out var known) || known.Week < start)
            totalsEnrolments[key] = (start, new EnrolmentRecord(upn, urn, admission, leaving, dob, sex, yearGroup));
        AddCharacteristics(upn, characteristics);
        AssignPupilId(upn);
    }

    /// <summary>
    /// The DfE file's characteristic columns, each read when present. Residency: the pupil's home LA and the school's LA are
    /// both given by UKPRN, so a pupil is resident when the two are the same (the file is the LA's own schools' and its
    /// resident pupils'; measures count only the LA's schools, whose LA is the LA).
    /// </summary>
    private static bool DfeCharacteristics(RowContext r, DateOnly week, int urn, out PupilCharacteristicsRecord? read)
    {
        read = null;
        string? ethnicity = null, need = null, home = null, school = null;
        bool? eal = null;
        if (r.Has(CharacteristicRules.DfeEthnicity) && !r.Characteristic(CharacteristicRules.DfeEthnicity, CharacteristicRules.TryEthnicity, out ethnicity)) return false;
        if (r.Has(CharacteristicRules.DfeEal) && !r.Characteristic(CharacteristicRules.DfeEal, CharacteristicRules.TryEal, out eal)) return false;
        if (r.Has(CharacteristicRules.DfeSenNeed) && !r.Characteristic(CharacteristicRules.DfeSenNeed, CharacteristicRules.TrySenNeed, out need)) return false;
        if (r.Has(CharacteristicRules.DfeHomeLa) && !r.Characteristic(CharacteristicRules.DfeHomeLa, CharacteristicRules.TryUkprn, out home)) return false;
        if (r.Has(CharacteristicRules.DfeSchoolLa) && !r.Characteristic(CharacteristicRules.DfeSchoolLa, CharacteristicRules.TryUkprn, out school)) return false;
        read = new PupilCharacteristicsRecord(week, urn, ethnicity, eal, need, null, home is null || school is null ? null : home == school);
        return true;
    }

    /// <summary>
    /// The enrolments the totals rows describe, added after every file is read: a pupils file in the same batch
    /// describes the same enrolment from the school's own system, so its row is kept instead.
    /// </summary>
    public void AddEnrolmentsFromSessionTotals()
    {
        foreach (var (key, (_, enrolment)) in totalsEnrolments)
            if (enrolmentKeys.Add(key)) Enrolments.Add(enrolment);
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
        if (!r.Int(column, out value)) return false;
        if (value >= 0 && value <= max) return true;
        r.Reject(column, RejectionReason.BadNumber, $"{column} {value} is not a number of sessions in the week (0 to {max})");
        return false;
    }
}

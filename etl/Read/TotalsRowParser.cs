using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;
using Cols = AttendanceGraph.Etl.Read.InputKinds.SessionTotalsColumns;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// What a DfE row says once its fields are read and checked against rules that need nothing of the batch: the school's URN,
/// the pupil's dates, the week and its totals, the characteristics. The checks that do need the batch (the UPN's pupil, a
/// school not yet known, a second row for the same week) are the reader's, after these.
/// </summary>
internal readonly record struct ParsedTotalsRow(
    int Urn, DfeHomeLa? Las, DateOnly Dob, string Sex, string YearGroup, DateOnly Admission, DateOnly? Leaving,
    DateOnly Start, DateOnly End, byte Possible, byte Present, byte Aea, byte Authorised, byte Unauthorised,
    PupilCharacteristicsRecord? Characteristics);

internal sealed partial class SmallFileReaders
{
    /// <summary>
    /// Reads a DfE row's fields by <see cref="SessionTotalsRules"/>, <see cref="ResidencyRules"/> and
    /// <see cref="CharacteristicRules"/>: pure functions of the row and the read options, so a parser may run on a thread
    /// of its own (<see cref="TotalsReadAhead"/>). Its caches (short values, home-and-school LAs) are its own.
    /// </summary>
    private sealed class TotalsRowParser(ReadOptions options)
    {
        /// <summary>Short values repeated on every row (year groups, LA names), one string each.</summary>
        private readonly Dictionary<string, string> shortValues = new(StringComparer.Ordinal);
        private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ShortValueLookup => field.Dictionary is null ? field = shortValues.GetAlternateLookup<ReadOnlySpan<char>>() : field;

        /// <summary>The home-and-school LAs of DfE rows, one object per combination (rows repeat a handful of them).</summary>
        private readonly Dictionary<(string, string?, string), DfeHomeLa> dfeLas = [];
        private DfeHomeLa? lastLas;

        /// <summary>The row's values; false (and the row rejected, naming the column) at its first problem.</summary>
        public bool TryParse(RowContext r, out ParsedTotalsRow row)
        {
            row = default;
            if (!r.Int("unique_reference_number", out var urn)) return false;
            if (!DfeLas(r, out var las)) return false;
            if (!RequiredDate(r, "DOB", out var dob)) return false;
            var sex = SessionTotalsRules.Sex(r.Value("sex"));
            if (sex is null && r.Rejected(SessionTotalsRules.SexProblem(r["sex"], out _))) return false;
            var yearGroup = Short(r.Value("year_group"));
            if (r.Rejected(RowRules.Required("year_group", yearGroup))) return false;
            if (!RequiredDate(r, "admission_date", out var admission)) return false;
            if (!r.OptionalDate(Cols.LeavingDate, AnyDate, "yyyy-mm-dd or dd/mm/yyyy", out var leaving)) return false;
            if (r.Rejected(RowRules.EndBeforeStart(Cols.LeavingDate, "leaving date", leaving, "admission date", admission))) return false;

            DateOnly start, end;
            if (r.Has(Cols.PeriodStart) || r.Has(Cols.PeriodEnd))
            {
                if (!RequiredDate(r, Cols.PeriodStart, out start) || !RequiredDate(r, Cols.PeriodEnd, out end)) return false;
            }
            else if (options.TotalsSpan is { } given) (start, end) = given;
            else
            {
                r.Rejected(SessionTotalsRules.NoSpan(Cols.PeriodStart));
                return false;
            }
            var spanColumn = r.Has(Cols.PeriodStart) ? Cols.PeriodStart : "--period-start";
            if (r.Rejected(SessionTotalsRules.Span(spanColumn, start, end, options.Dates))) return false;
            if (r.Rejected(SessionTotalsRules.NotOnRoll(start, end, admission, leaving))) return false;

            var max = SessionTotalsRules.MaxSessions(start, end);
            if (!Count(r, "possible_sessions", max, out var possible) || !Count(r, "present_sessions", max, out var present) ||
                !Count(r, "approved_educational_activity_sessions", max, out var aea) ||
                !Count(r, "authorised_absent_sessions", max, out var authorised) ||
                !Count(r, "unauthorised_absent_sessions", max, out var unauthorised)) return false;
            if (SessionTotalsRules.ArithmeticProblem(possible, present, aea, authorised, unauthorised) is { } sum)
            {
                r.Reject("possible_sessions", RejectionReason.TotalsDoNotAddUp, sum);
                return false;
            }
            if (r.Has(Cols.Absent) && r.Value(Cols.Absent).Length > 0)
            {
                if (!Count(r, Cols.Absent, max, out var absent)) return false;
                if (r.Rejected(SessionTotalsRules.AbsentProblem(Cols.Absent, absent, authorised, unauthorised))) return false;
            }
            if (!DfeCharacteristics(r, start, urn, las, out var characteristics)) return false;
            row = new ParsedTotalsRow(urn, las, dob, sex!, yearGroup, admission, leaving, start, end,
                (byte)possible, (byte)present, (byte)aea, (byte)authorised, (byte)unauthorised, characteristics);
            return true;
        }

        private string Short(ReadOnlySpan<char> value)
        {
            if (value.IsEmpty) return "";
            if (ShortValueLookup.TryGetValue(value, out var s)) return s;
            s = value.ToString();
            if (shortValues.Count < 4096) shortValues[s] = s;
            return s;
        }

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

        // DfE has given dates both ways; the pupils file's ISO form and the UK form are both unambiguous.
        private static bool AnyDate(ReadOnlySpan<char> s, out DateOnly d) => TextDecoding.TryIsoDate(s, out d) || TextDecoding.TryUkDate(s, out d);

        private static bool RequiredDate(RowContext r, string column, out DateOnly value)
        {
            value = default;
            var s = r.Value(column);
            if (s.Length == 0) { r.Missing(column); return false; }
            if (AnyDate(s, out value)) return true;
            r.Reject(column, RejectionReason.BadDate, $"{LineExcerpt.Quote(s.ToString())} is not a date (yyyy-mm-dd or dd/mm/yyyy)");
            return false;
        }

        private static bool Count(RowContext r, string column, int max, out int value) =>
            r.Int(column, out value) && !r.Rejected(SessionTotalsRules.CountProblem(column, value, max));
    }
}

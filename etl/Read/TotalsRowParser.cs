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
        private const string DobColumn = "DOB";

        /// <summary>Short values repeated on every row (year groups, LA names), one string each.</summary>
        private readonly Dictionary<string, string> shortValues = new(StringComparer.Ordinal);
        private Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ShortValueLookup => field.Dictionary is null ? field = shortValues.GetAlternateLookup<ReadOnlySpan<char>>() : field;

        /// <summary>The home-and-school LAs of DfE rows, one object per combination (rows repeat a handful of them).</summary>
        private readonly Dictionary<(string, string?, string), DfeHomeLa> dfeLas = [];
        private DfeHomeLa? lastLas;

        /// <summary>The DfE columns of the file <see cref="columnsOf"/> reads, found once a file rather than by name every row.</summary>
        private sealed class TotalsColumns(RowContext r)
        {
            public readonly Column Upn = r.ColumnOf("UPN"), Urn = r.ColumnOf("unique_reference_number"), Dob = r.ColumnOf(DobColumn),
                Sex = r.ColumnOf("sex"), YearGroup = r.ColumnOf("year_group"), Admission = r.ColumnOf("admission_date"),
                Leaving = r.ColumnOf(Cols.LeavingDate), PeriodStart = r.ColumnOf(Cols.PeriodStart), PeriodEnd = r.ColumnOf(Cols.PeriodEnd),
                Possible = r.ColumnOf("possible_sessions"), Present = r.ColumnOf("present_sessions"),
                Aea = r.ColumnOf("approved_educational_activity_sessions"), Authorised = r.ColumnOf("authorised_absent_sessions"),
                Unauthorised = r.ColumnOf("unauthorised_absent_sessions"), Absent = r.ColumnOf(Cols.Absent),
                HomeLa = r.ColumnOf(CharacteristicRules.DfeHomeLa), SchoolLa = r.ColumnOf(CharacteristicRules.DfeSchoolLa),
                HomeLaName = r.ColumnOf(ResidencyRules.HomeLaName), Ethnicity = r.ColumnOf(CharacteristicRules.DfeEthnicity),
                Eal = r.ColumnOf(CharacteristicRules.DfeEal), SenNeed = r.ColumnOf(CharacteristicRules.DfeSenNeed);
        }

        private RowContext? columnsOf;
        private TotalsColumns? columns;

        /// <summary>The file's DfE columns (a row context reads one file).</summary>
        public Column UpnOf(RowContext r) => ColumnsOf(r).Upn;

        private TotalsColumns ColumnsOf(RowContext r)
        {
            if (!ReferenceEquals(r, columnsOf))
            {
                columns = new TotalsColumns(r);
                columnsOf = r;
            }
            return columns!;
        }

        /// <summary>The row's values; false (and the row rejected, naming the column) at its first problem.</summary>
        public bool TryParse(RowContext r, out ParsedTotalsRow row)
        {
            row = default;
            var c = ColumnsOf(r);
            if (!r.Int(c.Urn, out var urn)) return false;
            if (!DfeLas(r, c, out var las)) return false;
            if (!RequiredDate(r, c.Dob, out var dob)) return false;
            if (r.Rejected(RowProblem.At(DobColumn, options.Dates.BirthProblem("date of birth", dob)))) return false;
            var sex = SessionTotalsRules.Sex(r.Value(c.Sex));
            if (sex is null && r.Rejected(SessionTotalsRules.SexProblem(r[c.Sex], out _))) return false;
            var yearGroup = Short(r.Value(c.YearGroup));
            if (r.Rejected(RowRules.Required(c.YearGroup, yearGroup))) return false;
            if (!RequiredDate(r, c.Admission, out var admission)) return false;
            if (!r.OptionalDate(c.Leaving, AnyDate, "yyyy-mm-dd or dd/mm/yyyy", out var leaving)) return false;
            if (r.Rejected(RowRules.EndBeforeStart(Cols.LeavingDate, "leaving date", leaving, "admission date", admission))) return false;

            DateOnly start, end;
            if (c.PeriodStart.Present || c.PeriodEnd.Present)
            {
                if (!RequiredDate(r, c.PeriodStart, out start) || !RequiredDate(r, c.PeriodEnd, out end)) return false;
            }
            else if (options.TotalsSpan is { } given) (start, end) = given;
            else
            {
                r.Rejected(SessionTotalsRules.NoSpan(Cols.PeriodStart));
                return false;
            }
            var spanColumn = c.PeriodStart.Present ? Cols.PeriodStart : "--period-start";
            if (r.Rejected(SessionTotalsRules.Span(spanColumn, start, end, options.Dates))) return false;
            if (r.Rejected(SessionTotalsRules.NotOnRoll(start, end, admission, leaving))) return false;

            var max = SessionTotalsRules.MaxSessions(start, end);
            if (!Count(r, c.Possible, max, out var possible) || !Count(r, c.Present, max, out var present) ||
                !Count(r, c.Aea, max, out var aea) || !Count(r, c.Authorised, max, out var authorised) ||
                !Count(r, c.Unauthorised, max, out var unauthorised)) return false;
            if (SessionTotalsRules.ArithmeticProblem(possible, present, aea, authorised, unauthorised) is { } sum)
            {
                r.Reject(c.Possible, RejectionReason.TotalsDoNotAddUp, sum);
                return false;
            }
            if (c.Absent.Present && r.Value(c.Absent).Length > 0)
            {
                if (!Count(r, c.Absent, max, out var absent)) return false;
                if (r.Rejected(SessionTotalsRules.AbsentProblem(Cols.Absent, absent, authorised, unauthorised))) return false;
            }
            if (!DfeCharacteristics(r, c, start, urn, las, out var characteristics)) return false;
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
        private bool DfeLas(RowContext r, TotalsColumns c, out DfeHomeLa? las)
        {
            las = null;
            string? home = null, school = null;
            if (c.HomeLa.Present && !r.Characteristic(c.HomeLa, CharacteristicRules.TryUkprn, out home)) return false;
            if (c.SchoolLa.Present && !r.Characteristic(c.SchoolLa, CharacteristicRules.TryUkprn, out school)) return false;
            if (home is null || school is null) return true;
            var name = r.Value(c.HomeLaName) is { IsEmpty: false } n ? Short(n) : null;
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
        private static bool DfeCharacteristics(RowContext r, TotalsColumns c, DateOnly week, int urn, DfeHomeLa? las, out PupilCharacteristicsRecord? read)
        {
            read = null;
            string? ethnicity = null, need = null;
            bool? eal = null;
            if (c.Ethnicity.Present && !r.Characteristic(c.Ethnicity, CharacteristicRules.TryEthnicity, out ethnicity)) return false;
            if (c.Eal.Present && !r.Characteristic(c.Eal, CharacteristicRules.TryEal, out eal)) return false;
            if (c.SenNeed.Present && !r.Characteristic(c.SenNeed, CharacteristicRules.TrySenNeed, out need)) return false;
            read = new PupilCharacteristicsRecord(week, urn, ethnicity, eal, need, null, las);
            return true;
        }

        // DfE has given dates both ways; the pupils file's ISO form and the UK form are both unambiguous.
        private static bool AnyDate(ReadOnlySpan<char> s, out DateOnly d) => TextDecoding.TryIsoDate(s, out d) || TextDecoding.TryUkDate(s, out d);

        private static bool RequiredDate(RowContext r, Column column, out DateOnly value)
        {
            value = default;
            var s = r.Value(column);
            if (s.Length == 0) { r.Missing(column); return false; }
            if (AnyDate(s, out value)) return true;
            r.Reject(column, RejectionReason.BadDate, $"{LineExcerpt.Quote(s.ToString())} is not a date (yyyy-mm-dd or dd/mm/yyyy)");
            return false;
        }

        private static bool Count(RowContext r, Column column, int max, out int value) =>
            r.Int(column, out value) && !r.Rejected(SessionTotalsRules.CountProblem(column, value, max));
    }
}

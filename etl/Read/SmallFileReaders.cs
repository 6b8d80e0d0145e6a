using System.Globalization;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Identifiers;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// Reads and validates the inputs that fit in memory: schools (GIAS), enrolments, cohort memberships and
/// published benchmarks. Only valid rows are kept; every invalid one goes to the report.
/// </summary>
internal sealed partial class SmallFileReaders(ReadOptions options, ExistingWarehouseState existing, ValidationReport report)
{
    public List<SchoolRecord> Schools { get; } = [];
    public List<EnrolmentRecord> Enrolments { get; } = [];
    public List<CohortMembershipRecord> CohortMemberships { get; } = [];
    public List<CohortDefinitionRecord> CohortDefinitions { get; } = [];
    public List<BenchmarkRecord> Benchmarks { get; } = [];
    /// <summary>Each pupil's characteristics as the batch's rows give them, the latest row winning field by field.</summary>
    public Dictionary<string, PupilCharacteristicsRecord> Characteristics { get; } = new(StringComparer.Ordinal);
    /// <summary>UPNs first seen in this batch, in file order, with ids from existing.NextPupilId upward.</summary>
    public Dictionary<string, int> NewPupilIds { get; } = new(StringComparer.Ordinal);

    private readonly HashSet<int> schoolUrns = [];

    /// <summary>Where another LA's school rows' problems go: not into the batch's report (see School).</summary>
    private readonly ValidationReport discarded = new();
    private readonly HashSet<(string, int, DateOnly)> enrolmentKeys = [];
    private readonly HashSet<(string, string, DateOnly)> cohortKeys = [];
    /// <summary>LA cohort keys declared in this batch, with where: a second declaration names the first.</summary>
    private readonly Dictionary<string, (string Path, long Line)> declaredCohorts = new(StringComparer.Ordinal);
    private int nextPupilId = existing.NextPupilId;

    /// <summary>Data rows read, or -1 when the file was unreadable.</summary>
    public long ReadFile(string path, InputKind kind)
    {
        var bytes = File.ReadAllBytes(path);
        string text;
        if (kind == InputKind.Schools) text = TextDecoding.DecodeGias(bytes);
        else
        {
            var decoded = TextDecoding.DecodeUtf8(bytes, out var badLine, out var badOffset);
            if (decoded is null)
            {
                report.Add(new Rejection(path, badLine, "", RejectionReason.WrongEncoding,
                    $"not valid UTF-8 at line {badLine} (byte offset {badOffset}): the file is in another encoding (Windows-1252 or Latin-1?); " +
                    "save it as UTF-8 (in Excel: CSV UTF-8) and load it again. The whole file is skipped", ""));
                return -1;
            }
            text = decoded;
        }

        var csv = new CsvRecordReader(text);
        if (!csv.Next()) return 0;
        var header = csv.AllFields();
        var row = new RowContext(path, header, csv, report);
        long rows = 0;
        while (csv.Next())
        {
            rows++;
            if (csv.FieldCount != header.Length)
            {
                row.Reject("", RejectionReason.WrongFieldCount, $"expected {header.Length} fields, found {csv.FieldCount}");
                continue;
            }
            switch (kind)
            {
                case InputKind.Schools: School(row); break;
                case InputKind.Enrolments: Enrolment(row); break;
                case InputKind.CohortDefinitions: CohortDefinition(row); break;
                case InputKind.CohortMemberships: Cohort(row); break;
                case InputKind.Benchmarks: Benchmark(row); break;
                case InputKind.SessionTotals: SessionTotalsRow(row); break;
            }
        }
        return rows;
    }

    private void School(RowContext r)
    {
        var laText = r["LA (code)"];
        var laOk = int.TryParse(laText, NumberStyles.None, CultureInfo.InvariantCulture, out var la);
        if (options.LaCode is { } wanted && (!laOk || la != wanted))
        {
            // Another LA's school: kept when its row is sound (its pupils may live here: residency), but never allowed to
            // reject the LA's batch. GIAS's national extract holds every school in England, with rows no LA maintains.
            if (laOk) School(r.Quietly(discarded), la);
            return;
        }
        if (!laOk) { r.Reject("LA (code)", RejectionReason.BadNumber, $"LA code {LineExcerpt.Quote(laText)} is not a number"); return; }
        School(r, la);
    }

    private void School(RowContext r, int la)
    {
        if (!r.Int("URN", out var urn)) return;
        if (!r.Int("EstablishmentNumber", out var estab)) return;
        var name = r["EstablishmentName"];
        if (name.Length == 0) { r.Missing("EstablishmentName"); return; }
        if (!r.OptionalDate("OpenDate", TextDecoding.TryUkDate, "dd-mm-yyyy", out var open)) return;
        if (!r.OptionalDate("CloseDate", TextDecoding.TryUkDate, "dd-mm-yyyy", out var close)) return;
        if (!r.OptionalInt("StatutoryLowAge", out var low)) return;
        if (!r.OptionalInt("StatutoryHighAge", out var high)) return;
        if (!r.OptionalFlag(InputKinds.WeekendSessionsColumn, out var weekendSessions)) return;
        if (!schoolUrns.Add(urn)) { r.Reject("URN", RejectionReason.DuplicateRow, $"school URN {urn} appears more than once"); return; }
        var type = r["TypeOfEstablishment (name)"];
        var phaseOfEducation = r["PhaseOfEducation (name)"];
        Schools.Add(new SchoolRecord(urn, la, r["LA (name)"], estab, name, type, phaseOfEducation,
            StatisticsPhase.From(type, phaseOfEducation), r["EstablishmentStatus (name)"], open, close, low, high, weekendSessions)
            { Source = new RowSource(r.Path, r.Line) });
    }

    private void Enrolment(RowContext r)
    {
        if (!r.ValidUpn("upn", out var upn)) return;
        if (!r.Int("school_urn", out var urn)) return;
        if (!KnownSchool(r, "school_urn", urn)) return;
        if (!r.Date("entry_date", out var entry)) return;
        if (!r.OptionalDate("leaving_date", TextDecoding.TryIsoDate, "yyyy-mm-dd", out var leaving)) return;
        if (!r.Date("date_of_birth", out var dob)) return;
        var sex = r["sex"];
        if (sex.Length == 0) { r.Missing("sex"); return; }
        if (r.RejectedDate("entry_date", options.Dates.StartProblem("entry date", entry))) return;
        if (leaving is { } left && r.RejectedDate("leaving_date", options.Dates.EndProblem("leaving date", left))) return;
        if (leaving < entry)
        {
            r.Reject("leaving_date", RejectionReason.EndBeforeStart, $"leaving date {leaving:yyyy-MM-dd} is before entry date {entry:yyyy-MM-dd}");
            return;
        }
        if (!enrolmentKeys.Add((upn, urn, entry)))
        {
            r.Reject("upn", RejectionReason.DuplicateRow, $"enrolment of {upn} at {urn} from {entry:yyyy-MM-dd} appears more than once");
            return;
        }
        if (!PupilsFileCharacteristics(r, entry, urn, out var characteristics)) return;
        Enrolments.Add(new EnrolmentRecord(upn, urn, entry, leaving, dob, sex, r["nc_year"]));
        AddCharacteristics(upn, characteristics);
        AssignPupilId(upn);
    }

    /// <summary>The pupils file's optional characteristic columns; false (the row rejected) when one holds a bad code.</summary>
    private static bool PupilsFileCharacteristics(RowContext r, DateOnly entry, int urn, out PupilCharacteristicsRecord? read)
    {
        read = null;
        string? ethnicity = null, need = null;
        bool? eal = null;
        int? home = null;
        if (r.Has(CharacteristicRules.Ethnicity) && !r.Characteristic(CharacteristicRules.Ethnicity, CharacteristicRules.TryEthnicity, out ethnicity)) return false;
        if (r.Has(CharacteristicRules.Eal) && !r.Characteristic(CharacteristicRules.Eal, CharacteristicRules.TryEal, out eal)) return false;
        if (r.Has(CharacteristicRules.SenNeed) && !r.Characteristic(CharacteristicRules.SenNeed, CharacteristicRules.TrySenNeed, out need)) return false;
        if (r.Has(CharacteristicRules.HomeLaCode) && !r.Characteristic(CharacteristicRules.HomeLaCode, CharacteristicRules.TryLaCode, out home)) return false;
        read = new PupilCharacteristicsRecord(entry, urn, ethnicity, eal, need, home, null);
        return true;
    }

    private void AddCharacteristics(string upn, PupilCharacteristicsRecord? read)
    {
        if (read is null || !read.GivesAnything) return;
        Characteristics[upn] = Characteristics.TryGetValue(upn, out var known)
            ? read.AsOf >= known.AsOf ? read.Over(known) : known.Over(read)
            : read;
    }

    /// <summary>True when the school is in this batch or the warehouse; otherwise the row is rejected, saying which.</summary>
    private bool KnownSchool(RowContext r, string column, int urn)
    {
        if (schoolUrns.Contains(urn) || existing.SchoolUrns.Contains(urn)) return true;
        r.Reject(column, RejectionReason.UnknownSchool, $"school URN {urn} is neither in this batch's schools nor in the warehouse");
        return false;
    }

    private void Cohort(RowContext r)
    {
        if (!r.ValidUpn("upn", out var upn)) return;
        var cohortText = r["cohort"];
        var cohort = MembershipCohort.All.FirstOrDefault(c => string.Equals(c, cohortText, StringComparison.OrdinalIgnoreCase))
            ?? LaCohort(CohortKey.Normalise(cohortText));
        if (cohort is null)
        {
            r.Reject("cohort", RejectionReason.UnknownCohort, $"unknown cohort {LineExcerpt.Quote(cohortText)} (expected one of {string.Join(", ", MembershipCohort.All)}, " +
                "or an LA cohort declared in a cohort definitions file of this batch or an earlier load)");
            return;
        }
        if (!r.Date("start_date", out var start)) return;
        if (!r.OptionalDate("end_date", TextDecoding.TryIsoDate, "yyyy-mm-dd", out var end)) return;
        if (r.RejectedDate("start_date", options.Dates.StartProblem("start date", start))) return;
        if (end is { } ended && r.RejectedDate("end_date", options.Dates.EndProblem("end date", ended))) return;
        if (end < start)
        {
            r.Reject("end_date", RejectionReason.EndBeforeStart, $"end date {end:yyyy-MM-dd} is before start date {start:yyyy-MM-dd}");
            return;
        }
        if (!cohortKeys.Add((upn, cohort, start)))
        {
            r.Reject("upn", RejectionReason.DuplicateRow, $"{cohort} membership of {upn} from {start:yyyy-MM-dd} appears more than once");
            return;
        }
        CohortMemberships.Add(new CohortMembershipRecord(upn, cohort, start, end));
        AssignPupilId(upn);
    }

    /// <summary>The key when an LA cohort of that key is declared in this batch or the warehouse, else null.</summary>
    private string? LaCohort(string key) => declaredCohorts.ContainsKey(key) || existing.LaCohortKeys.Contains(key) ? key : null;

    private void CohortDefinition(RowContext r)
    {
        var keyText = r["cohort"];
        if (keyText.Trim().Length == 0) { r.Missing("cohort"); return; }
        var key = CohortKey.Normalise(keyText);
        if (CohortKey.Problem(key) is { } problem) { r.Reject("cohort", RejectionReason.BadCohortKey, $"{LineExcerpt.Quote(keyText)}: {problem}"); return; }
        var name = r["name"].Trim();
        if (name.Length == 0) { r.Missing("name"); return; }
        var description = r["description"].Trim();
        if (description.Length == 0) { r.Missing("description"); return; }
        if (declaredCohorts.TryGetValue(key, out var first))
        {
            r.Reject("cohort", RejectionReason.DuplicateRow, $"cohort {key} is declared more than once (first at {Path.GetFileName(first.Path)} line {first.Line})");
            return;
        }
        declaredCohorts[key] = (r.Path, r.Line);
        CohortDefinitions.Add(new CohortDefinitionRecord(key, name, description));
    }

    private void Benchmark(RowContext r)
    {
        if (!r.Int("time_period", out var period)) return;
        var level = r["geographic_level"];
        if (level.Length == 0) { r.Missing("geographic_level"); return; }
        var phase = r["education_phase"];
        if (phase.Length == 0) { r.Missing("education_phase"); return; }
        if (!r.Percent("sess_overall_percent", out var overall)) return;
        if (!r.Percent("sess_authorised_percent", out var auth)) return;
        if (!r.Percent("sess_unauthorised_percent", out var unauth)) return;
        if (!r.Percent("enrolments_pa_10_exact_percent", out var pa)) return;
        if (!r.Percent("enrolments_pa_50_exact_percent", out var sa)) return;
        Benchmarks.Add(new BenchmarkRecord(period, level, r.OrNull("old_la_code"), r.OrNull("new_la_code"), r.OrNull("la_name"),
            phase, r.OrNull("source"), overall, auth, unauth, pa, sa));
    }

    private void AssignPupilId(string upn)
    {
        if (existing.PupilIdsByUpn.ContainsKey(upn) || NewPupilIds.ContainsKey(upn)) return;
        NewPupilIds[upn] = nextPupilId++;
    }

    /// <summary>The current row of one file: named field access and rejections that know file, line and column.</summary>
    private sealed class RowContext(string path, string[] header, CsvRecordReader csv, ValidationReport report)
    {
        private readonly Dictionary<string, int> columns = header
            .Select((h, i) => (h.Trim(), i)).DistinctBy(x => x.Item1, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(x => x.Item1, x => x.i, StringComparer.OrdinalIgnoreCase);

        public string this[string column] => columns.TryGetValue(column, out var i) ? csv.Field(i) : "";

        public string Path => path;

        public long Line => csv.Line;

        /// <summary>The same row, its rejections discarded rather than reported.</summary>
        public RowContext Quietly(ValidationReport sink) => new(path, header, csv, sink);

        public bool Has(string column) => columns.ContainsKey(column);

        public string? OrNull(string column) => this[column] is { Length: > 0 } s ? s : null;

        public void Reject(string column, RejectionReason reason, string detail) =>
            report.Add(new Rejection(path, csv.Line, column, reason, detail, csv.RawRecord));

        public void Missing(string column) => Reject(column, RejectionReason.MissingValue, $"{column} is empty");

        public bool Int(string column, out int value)
        {
            var s = this[column];
            if (s.Length == 0) { Missing(column); value = 0; return false; }
            if (TextDecoding.TryInt(s, out value)) return true;
            Reject(column, RejectionReason.BadNumber, $"{LineExcerpt.Quote(s)} is not a whole number");
            return false;
        }

        public bool OptionalInt(string column, out int? value)
        {
            value = null;
            var s = this[column];
            if (s.Length == 0) return true;
            if (TextDecoding.TryInt(s, out var v)) { value = v; return true; }
            Reject(column, RejectionReason.BadNumber, $"{LineExcerpt.Quote(s)} is not a whole number");
            return false;
        }

        public bool Date(string column, out DateOnly value)
        {
            var s = this[column];
            if (s.Length == 0) { Missing(column); value = default; return false; }
            if (TextDecoding.TryIsoDate(s, out value)) return true;
            Reject(column, RejectionReason.BadDate, $"{LineExcerpt.Quote(s)} is not a date (yyyy-mm-dd)");
            return false;
        }

        public delegate bool DateParser(ReadOnlySpan<char> s, out DateOnly d);

        public bool OptionalDate(string column, DateParser parse, string format, out DateOnly? value)
        {
            value = null;
            var s = this[column];
            if (s.Length == 0) return true;
            if (parse(s, out var d)) { value = d; return true; }
            Reject(column, RejectionReason.BadDate, $"{LineExcerpt.Quote(s)} is not a date ({format})");
            return false;
        }

        /// <summary>True (and the row rejected) when a date rule found a problem.</summary>
        public bool RejectedDate(string column, DateRejection? problem)
        {
            if (problem is not { } p) return false;
            Reject(column, p.Reason, p.Detail);
            return true;
        }

        /// <summary>
        /// A Y/N column: null when the file has no such column (the caller keeps what it knew), false when empty.
        /// </summary>
        public bool OptionalFlag(string column, out bool? value)
        {
            value = null;
            if (!columns.ContainsKey(column)) return true;
            var s = this[column].Trim();
            if (s.Length == 0 || s.Equals("N", StringComparison.OrdinalIgnoreCase)) { value = false; return true; }
            if (s.Equals("Y", StringComparison.OrdinalIgnoreCase)) { value = true; return true; }
            Reject(column, RejectionReason.BadFlag, $"{column} '{s}' is neither Y nor N");
            return false;
        }

        public delegate bool CharacteristicParser<T>(string text, out T value, out string? problem);

        /// <summary>A characteristic column read by its rule; false (and the row rejected, naming the column) for a bad code.</summary>
        public bool Characteristic<T>(string column, CharacteristicParser<T> parse, out T value)
        {
            if (parse(this[column], out value, out var problem)) return true;
            Reject(column, RejectionReason.BadCharacteristic, problem!);
            return false;
        }

        public bool ValidUpn(string column, out string upn)
        {
            upn = this[column];
            if (upn.Length == 0) { Missing(column); return false; }
            if (Upn.Validate(upn) is not { } why) return true;
            Reject(column, RejectionReason.BadUpn, $"bad UPN {LineExcerpt.Quote(upn)}: {why}");
            return false;
        }

        /// <summary>A percentage, or null for a GSS symbol (x, c, z, low, u, :) or an absent column.</summary>
        public bool Percent(string column, out double? value)
        {
            value = null;
            var s = this[column];
            if (TextDecoding.IsGssSymbol(s)) return true;
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) { value = v; return true; }
            Reject(column, RejectionReason.BadNumber, $"{LineExcerpt.Quote(s)} is neither a number nor a GSS symbol (x, c, z, low, u, :)");
            return false;
        }
    }
}

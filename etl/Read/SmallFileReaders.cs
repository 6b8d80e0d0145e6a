using System.Globalization;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// Reads the inputs that fit in memory: schools (GIAS), enrolments, cohort definitions and memberships, published
/// benchmarks and DfE pupil-level totals. It turns each field's text into its value (a number, a date, a flag) and
/// asks the row rules in etl/Validate (<see cref="SchoolRules"/>, <see cref="EnrolmentRules"/>,
/// <see cref="CohortRules"/>, <see cref="SessionTotalsRules"/>, <see cref="UpnRules"/>) whether the row is valid.
/// Only valid rows are kept; every invalid one goes to the report with its file, line and column.
/// </summary>
internal sealed partial class SmallFileReaders(ReadOptions options, ExistingWarehouseState existing, ValidationReport report, Utf8ChecksAhead utf8Checks)
{
    /// <summary>Whether a kind is read as UTF-8, a chunk at a time (the GIAS extract is decoded whole, as Windows-1252 or UTF-8).</summary>
    public static bool ReadsAsUtf8(InputKind kind) => kind != InputKind.Schools;

    public List<SchoolRecord> Schools { get; } = [];
    public List<EnrolmentRecord> Enrolments { get; } = [];
    public List<CohortMembershipRecord> CohortMemberships { get; } = [];
    public List<CohortDefinitionRecord> CohortDefinitions { get; } = [];
    public List<BenchmarkRecord> Benchmarks { get; } = [];
    public List<InYearBenchmarkRecord> InYearBenchmarks { get; } = [];
    /// <summary>Each pupil's characteristics as the batch's rows give them, the latest row winning field by field.</summary>
    public Dictionary<string, PupilCharacteristicsRecord> Characteristics { get; } = new(StringComparer.Ordinal);
    /// <summary>UPNs first seen in this batch, in file order, with ids from existing.NextPupilId upward.</summary>
    public Dictionary<string, int> NewPupilIds { get; } = new(StringComparer.Ordinal);

    private readonly SchoolRules schoolRules = new(existing);
    private readonly EnrolmentRules enrolmentRules = new(options.Dates);
    private readonly CohortRules cohortRules = new(options.Dates, existing);

    /// <summary>Where another LA's school rows' problems go: not into the batch's report (see School).</summary>
    private readonly ValidationReport discarded = new();
    private int nextPupilId = existing.NextPupilId;

    /// <summary>The hash of each file read, by full path, made by a read that saw all its bytes (<see cref="FileContentHash"/>).</summary>
    public Dictionary<string, string> ContentHashes { get; } = new(StringComparer.Ordinal);

    private void KeepContentHash(string path)
    {
        if (utf8Checks.ContentHashOf(path) is { } hash) ContentHashes[Path.GetFullPath(path)] = hash;
    }

    /// <summary>Data rows read, or -1 when the file was unreadable.</summary>
    public long ReadFile(string path, InputKind kind)
    {
        CsvRecordReader csv;
        Utf8Chunks? chunks = null;
        if (!ReadsAsUtf8(kind))
        {
            var bytes = File.ReadAllBytes(path);
            ContentHashes[Path.GetFullPath(path)] = FileContentHash.Of(bytes);
            csv = new CsvRecordReader(TextDecoding.DecodeGias(bytes));
        }
        else
        {
            // Checked whole before any row is read, so a file in another encoding is skipped whole; then read a chunk at a time.
            if (utf8Checks.For(path) is var (badLine, badOffset))
            {
                report.Add(Rejection.NotUtf8(path, badLine, badOffset));
                return -1;
            }
            KeepContentHash(path);
            chunks = new Utf8Chunks(path);
            csv = new CsvRecordReader(chunks);
        }
        try
        {
            return ReadRows(path, kind, csv);
        }
        finally
        {
            csv.Release();
            chunks?.Dispose();
        }
    }

    private long ReadRows(string path, InputKind kind, CsvRecordReader csv)
    {
        if (!csv.Next()) return 0;
        var header = csv.AllFields();
        var row = new RowContext(path, header, csv, report);
        long rows = 0;
        while (csv.Next())
        {
            rows++;
            if (row.RejectedForFieldCount()) continue;
            switch (kind)
            {
                case InputKind.Schools: School(row); break;
                case InputKind.Enrolments: Enrolment(row); break;
                case InputKind.CohortDefinitions: CohortDefinition(row); break;
                case InputKind.CohortMemberships: Cohort(row); break;
                case InputKind.Benchmarks: Benchmark(row); break;
                case InputKind.InYearBenchmarks: InYearBenchmark(row); break;
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
        if (r.Rejected(RowRules.Required("EstablishmentName", name))) return;
        if (!r.OptionalDate("OpenDate", TextDecoding.TryUkDate, "dd-mm-yyyy", out var open)) return;
        if (!r.OptionalDate("CloseDate", TextDecoding.TryUkDate, "dd-mm-yyyy", out var close)) return;
        if (!r.OptionalInt("StatutoryLowAge", out var low)) return;
        if (!r.OptionalInt("StatutoryHighAge", out var high)) return;
        if (!r.OptionalFlag(InputKinds.WeekendSessionsColumn, out var weekendSessions)) return;
        if (r.Rejected(schoolRules.Repeated(urn))) return;
        var type = r["TypeOfEstablishment (name)"];
        var phaseOfEducation = r["PhaseOfEducation (name)"];
        Schools.Add(new SchoolRecord(urn, la, r["LA (name)"], estab, name, type, phaseOfEducation,
            StatisticsPhase.From(type, phaseOfEducation), r["EstablishmentStatus (name)"], open, close, low, high, weekendSessions)
            { Source = new RowSource(r.Path, r.Line) });
    }

    private void Enrolment(RowContext r)
    {
        var upn = r["upn"];
        if (r.Rejected(UpnRules.Problem("upn", upn))) return;
        if (!r.Int("school_urn", out var urn)) return;
        if (r.Rejected(schoolRules.Unknown("school_urn", urn))) return;
        if (!r.Date("entry_date", out var entry)) return;
        if (!r.OptionalDate("leaving_date", TextDecoding.TryIsoDate, "yyyy-mm-dd", out var leaving)) return;
        if (!r.Date("date_of_birth", out var dob)) return;
        if (r.Rejected(RowProblem.At("date_of_birth", options.Dates.BirthProblem("date of birth", dob)))) return;
        var sex = r["sex"];
        if (r.Rejected(RowRules.Required("sex", sex))) return;
        if (r.Rejected(enrolmentRules.Dates(entry, leaving))) return;
        if (r.Rejected(enrolmentRules.Repeated(upn, urn, entry))) return;
        if (!PupilsFileCharacteristics(r, entry, urn, out var characteristics)) return;
        enrolmentRules.Claim((upn, urn, entry));
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
        Characteristics[upn] = PupilCharacteristicsRecord.Merge(Characteristics.GetValueOrDefault(upn), read);
    }

    private void Cohort(RowContext r)
    {
        var upn = r["upn"];
        if (r.Rejected(UpnRules.Problem("upn", upn))) return;
        if (r.Rejected(cohortRules.Membership(r["cohort"], out var cohort))) return;
        if (!r.Date("start_date", out var start)) return;
        if (!r.OptionalDate("end_date", TextDecoding.TryIsoDate, "yyyy-mm-dd", out var end)) return;
        if (r.Rejected(cohortRules.Dates(start, end))) return;
        if (r.Rejected(cohortRules.Repeated(upn, cohort, start))) return;
        CohortMemberships.Add(new CohortMembershipRecord(upn, cohort, start, end));
        AssignPupilId(upn);
    }

    private void CohortDefinition(RowContext r)
    {
        if (r.Rejected(CohortRules.Key(r["cohort"], out var key))) return;
        var name = r["name"].Trim();
        if (r.Rejected(RowRules.Required("name", name))) return;
        var description = r["description"].Trim();
        if (r.Rejected(RowRules.Required("description", description))) return;
        if (r.Rejected(cohortRules.Redeclared(key, r.Path, r.Line))) return;
        CohortDefinitions.Add(new CohortDefinitionRecord(key, name, description));
    }

    private void Benchmark(RowContext r)
    {
        if (!r.Int("time_period", out var period)) return;
        var level = r["geographic_level"];
        if (r.Rejected(RowRules.Required("geographic_level", level))) return;
        var phase = r["education_phase"];
        if (r.Rejected(RowRules.Required("education_phase", phase))) return;
        if (!r.Percent("sess_overall_percent", out var overall)) return;
        if (!r.Percent("sess_authorised_percent", out var auth)) return;
        if (!r.Percent("sess_unauthorised_percent", out var unauth)) return;
        if (!r.Percent("enrolments_pa_10_exact_percent", out var pa)) return;
        if (!r.Percent("enrolments_pa_50_exact_percent", out var sa)) return;
        Benchmarks.Add(new BenchmarkRecord(period, level, r.OrNull("old_la_code"), r.OrNull("new_la_code"), r.OrNull("la_name"),
            phase, r.OrNull("source"), overall, auth, unauth, pa, sa));
    }

    private readonly Dictionary<(string, int, DateOnly?, string?, string, string?, string), (string Path, long Line)> inYearKeys = [];

    /// <summary>
    /// One row of an EES in-year file. Rows the product does not compare with are skipped without a word: daily rows,
    /// geographic levels other than national, regional and LA, and phases other than the four reported. A row the
    /// product would use with a period it cannot place, or a rate that is neither a number nor a GSS symbol, is rejected.
    /// </summary>
    private void InYearBenchmark(RowContext r)
    {
        var level = InYearLevel(r[InputKinds.InYearColumns.GeographicLevel]);
        if (level is null) return;
        if (r.OrNull(InputKinds.InYearColumns.AttendanceDate) is not null) return;
        var frame = r[InputKinds.InYearColumns.TimeFrame].Trim();
        if (Enum.GetNames<DayOfWeek>().Contains(frame, StringComparer.OrdinalIgnoreCase)) return; // a day's row (not "1": TryParse took numbers)
        var phase = InYearPhase(r[InputKinds.InYearColumns.EducationPhase]);
        if (phase is null) return;
        if (!InYearPeriod(r, frame, out var span, out var timePeriod, out var week, out var term)) return;
        if (!r.Percent(InputKinds.InYearColumns.Attendance, out var attendance)) return;
        if (!r.Percent(InputKinds.InYearColumns.OverallAbsence, out var overall)) return;
        if (!r.Percent(InputKinds.InYearColumns.AuthorisedAbsence, out var authorised)) return;
        if (!r.Percent(InputKinds.InYearColumns.UnauthorisedAbsence, out var unauthorised)) return;
        if (!r.Percent(InputKinds.InYearColumns.PersistentAbsence, out var persistent)) return;
        var area = level == "National" ? null : level == "Regional" ? r.OrNull(InputKinds.InYearColumns.RegionCode) : r.OrNull(InputKinds.InYearColumns.OldLaCode);
        if (level != "National" && area is null)
        {
            r.Missing(level == "Regional" ? InputKinds.InYearColumns.RegionCode : InputKinds.InYearColumns.OldLaCode);
            return;
        }
        var key = (span, timePeriod, week, term, level, area, phase);
        if (inYearKeys.TryGetValue(key, out var first))
        {
            r.Reject(InputKinds.InYearColumns.TimeIdentifier, RejectionReason.DuplicateRow,
                $"the same figure (period, area and phase) appears more than once (first at {Path.GetFileName(first.Path)} line {first.Line})");
            return;
        }
        inYearKeys[key] = (r.Path, r.Line);
        InYearBenchmarks.Add(new InYearBenchmarkRecord(span, timePeriod, week, term, level,
            r.OrNull(InputKinds.InYearColumns.RegionCode), r.OrNull(InputKinds.InYearColumns.RegionName),
            r.OrNull(InputKinds.InYearColumns.OldLaCode), r.OrNull(InputKinds.InYearColumns.NewLaCode), r.OrNull(InputKinds.InYearColumns.LaName),
            phase, attendance, overall, authorised, unauthorised, persistent, r.OrNull(InputKinds.InYearColumns.Source)));
    }

    /// <summary>National, Regional or Local authority (as EES writes them, any case); null for a level not compared with.</summary>
    private static string? InYearLevel(string level) => level.Trim().ToLowerInvariant() switch
    {
        "national" => "National",
        "regional" => "Regional",
        "local authority" => "Local authority",
        _ => null,
    };

    /// <summary>EES "All schools" is the product's Total; Primary, Secondary and Special keep their names; others are skipped.</summary>
    private static string? InYearPhase(string phase) => phase.Trim().ToLowerInvariant() switch
    {
        "all schools" or "total" => "Total",
        "primary" => "Primary",
        "secondary" => "Secondary",
        "special" => "Special",
        _ => null,
    };

    /// <summary>
    /// The span of a row: time_identifier "Week 43" with time_period 2025 is the week commencing 20 October 2025 (or the
    /// year to date up to that week when time_frame says "Year to date"); "Autumn term", "Spring term" or "Summer term"
    /// with time_period 202425 is that term of 2024/25.
    /// </summary>
    private static bool InYearPeriod(RowContext r, string frame, out string span, out int timePeriod, out DateOnly? week, out string? term)
    {
        span = "";
        timePeriod = 0;
        week = null;
        term = null;
        var identifier = r[InputKinds.InYearColumns.TimeIdentifier].Trim();
        var periodText = r[InputKinds.InYearColumns.TimePeriod].Trim();
        if (identifier.StartsWith("Week ", StringComparison.OrdinalIgnoreCase))
        {
            if (!TextDecoding.TryInt(periodText, out var year) || !TextDecoding.TryInt(identifier[5..].Trim(), out var number) ||
                Schema.Benchmarks.InYearSpan.WeekCommencing(year, number) is not { } monday)
            {
                r.Reject(InputKinds.InYearColumns.TimeIdentifier, RejectionReason.UnknownPeriod,
                    $"{LineExcerpt.Quote(identifier)} of time_period {LineExcerpt.Quote(periodText)} is not a week of a calendar year (like Week 43 of 2025)");
                return false;
            }
            var yearToDate = frame.Equals("Year to date", StringComparison.OrdinalIgnoreCase);
            if (!yearToDate && frame.Length > 0 && !frame.Equals("Week", StringComparison.OrdinalIgnoreCase) && !frame.Equals("Weekly", StringComparison.OrdinalIgnoreCase))
            {
                r.Reject(InputKinds.InYearColumns.TimeFrame, RejectionReason.UnknownPeriod,
                    $"time_frame {LineExcerpt.Quote(frame)} is neither a week, the year to date nor a day");
                return false;
            }
            span = yearToDate ? Schema.Benchmarks.InYearSpan.YearToDate : Schema.Benchmarks.InYearSpan.Week;
            week = monday;
            timePeriod = Schema.Calendar.AcademicYear.Containing(monday).TimePeriod;
            return true;
        }
        var termName = identifier.ToLowerInvariant() switch
        {
            "autumn term" => "AUTUMN",
            "spring term" => "SPRING",
            "summer term" => "SUMMER",
            _ => null,
        };
        if (termName is not null && Schema.Calendar.AcademicYear.TryParse(periodText, out var academicYear) && periodText.Length == 6)
        {
            span = Schema.Benchmarks.InYearSpan.Term;
            term = termName;
            timePeriod = academicYear.TimePeriod;
            return true;
        }
        r.Reject(InputKinds.InYearColumns.TimeIdentifier, RejectionReason.UnknownPeriod,
            $"time_identifier {LineExcerpt.Quote(identifier)} with time_period {LineExcerpt.Quote(periodText)} names no week (Week 43 of 2025) " +
            "and no term (Autumn term of 202526)");
        return false;
    }

    private void AssignPupilId(string upn)
    {
        if (existing.PupilIdsByUpn.ContainsKey(upn) || NewPupilIds.ContainsKey(upn)) return;
        NewPupilIds[upn] = nextPupilId++;
    }

    /// <summary>A column of the file being read: its name (what rejections say) and its index (-1: the file has none).</summary>
    private readonly record struct Column(string Name, int Index)
    {
        public bool Present => Index >= 0;

        public static implicit operator string(Column column) => column.Name;
    }

    /// <summary>The current row of one file: named field access and rejections that know file, line and column.</summary>
    private sealed class RowContext(string path, string[] header, CsvRecordReader csv, ValidationReport report)
    {
        private readonly Dictionary<string, int> columns = header
            .Select((h, i) => (h.Trim(), i)).DistinctBy(x => x.Item1, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(x => x.Item1, x => x.i, StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Column names as the readers pass them (constants) → index, found by reference: a DfE row asks for ~25 columns, and
        /// hashing each name ignoring case was a tenth of reading a year of rows; a dictionary by reference (its comparer
        /// called through an interface) was still a sixth. Bounded, as a name could be built at run time.
        /// </summary>
        private readonly (string Name, int Index)[] byReference = new (string, int)[64];
        private int referenced;

        /// <summary>
        /// Where the last name was found. Names are kept in the order a row first asked for them, and every row asks in
        /// much the same order, so the scan starts there: the name asked for is that one again or one of the next.
        /// </summary>
        private int lastFound;

        private int Index(string column)
        {
            for (int n = 0, k = lastFound; n < referenced; n++, k = k + 1 == referenced ? 0 : k + 1)
            {
                if (!ReferenceEquals(byReference[k].Name, column)) continue;
                lastFound = k;
                return byReference[k].Index;
            }
            var i = columns.TryGetValue(column, out var found) ? found : -1;
            if (referenced < byReference.Length) byReference[referenced++] = (column, i);
            return i;
        }

        public string this[string column] => Index(column) is >= 0 and var i ? csv.Field(i) : "";

        /// <summary>A column found once for every row of the file (a reader that asks for many on every row keeps these).</summary>
        public Column ColumnOf(string name) => new(name, Index(name));

        public string this[Column column] => column.Index >= 0 ? csv.Field(column.Index) : "";

        public ReadOnlySpan<char> Value(Column column) => column.Index >= 0 ? csv.Value(column.Index) : default;

        /// <summary>The field's text as <see cref="this[string]"/> gives it, without making a string.</summary>
        public ReadOnlySpan<char> Value(string column) => Index(column) is >= 0 and var i ? csv.Value(i) : default;

        public string Path => path;

        public long Line => csv.Line;

        /// <summary>True (and the row rejected) when the row has not as many fields as the header.</summary>
        public bool RejectedForFieldCount()
        {
            if (csv.FieldCount == header.Length) return false;
            Reject("", RejectionReason.WrongFieldCount, $"expected {header.Length} fields, found {csv.FieldCount}");
            return true;
        }

        /// <summary>The same row, its rejections discarded rather than reported.</summary>
        public RowContext Quietly(ValidationReport sink) => new(path, header, csv, sink);

        public bool Has(string column) => Index(column) >= 0;

        public string? OrNull(string column) => this[column] is { Length: > 0 } s ? s : null;

        public void Reject(string column, RejectionReason reason, string detail) =>
            report.Add(new Rejection(path, csv.Line, column, reason, detail, csv.RawRecord));

        public void Missing(string column) => Rejected(RowProblem.Missing(column));

        /// <summary>True (and the row rejected) when a row rule found a problem.</summary>
        public bool Rejected(RowProblem? problem)
        {
            if (problem is not { } p) return false;
            Reject(p.Column, p.Reason, p.Detail);
            return true;
        }

        public bool Int(string column, out int value) => Int(ColumnOf(column), out value);

        public bool Int(Column column, out int value)
        {
            var s = Value(column);
            if (s.Length == 0) { Missing(column); value = 0; return false; }
            if (TextDecoding.TryInt(s, out value)) return true;
            Reject(column, RejectionReason.BadNumber, $"{LineExcerpt.Quote(s.ToString())} is not a whole number");
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

        public bool OptionalDate(string column, DateParser parse, string format, out DateOnly? value) =>
            OptionalDate(ColumnOf(column), parse, format, out value);

        public bool OptionalDate(Column column, DateParser parse, string format, out DateOnly? value)
        {
            value = null;
            var s = Value(column);
            if (s.Length == 0) return true;
            if (parse(s, out var d)) { value = d; return true; }
            Reject(column, RejectionReason.BadDate, $"{LineExcerpt.Quote(s.ToString())} is not a date ({format})");
            return false;
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

        /// <summary>
        /// Each characteristic column's texts seen so far, with what its rule made of them (rules are pure functions of the
        /// text), by column number: a DfE row reads five, and finding them by name in a dictionary was a twentieth of reading.
        /// </summary>
        private readonly object?[] characteristicReads = new object?[header.Length];

        private sealed class CharacteristicReads<T>
        {
            private readonly Dictionary<string, (bool Ok, T Value, string? Problem)> reads = new(StringComparer.Ordinal);

            public CharacteristicReads() => Lookup = reads.GetAlternateLookup<ReadOnlySpan<char>>();

            public Dictionary<string, (bool Ok, T Value, string? Problem)>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

            public void Remember(string text, (bool, T, string?) read)
            {
                if (reads.Count < 1024) reads[text] = read;
            }

            /// <summary>The column's last text and its read: a file's rows mostly repeat the row before's (its LAs, EAL, SEN need).</summary>
            public string? LastText;
            public (bool Ok, T Value, string? Problem) LastRead;
        }

        /// <summary>A characteristic column read by its rule; false (and the row rejected, naming the column) for a bad code.</summary>
        public bool Characteristic<T>(string column, CharacteristicParser<T> parse, out T value) =>
            Characteristic(ColumnOf(column), parse, out value);

        public bool Characteristic<T>(Column column, CharacteristicParser<T> parse, out T value)
        {
            var i = column.Index;
            var reads = (CharacteristicReads<T>?)(i >= 0 ? characteristicReads[i] ??= new CharacteristicReads<T>() : null);
            var text = i >= 0 ? csv.Value(i) : default;
            (bool Ok, T Value, string? Problem) read;
            if (reads?.LastText is { } last && text.SequenceEqual(last)) read = reads.LastRead;
            else if (reads is not null && reads.Lookup.TryGetValue(text, out var known, out read))
            {
                reads.LastText = known;
                reads.LastRead = read;
            }
            else
            {
                var s = text.ToString();
                read.Ok = parse(s, out read.Value, out read.Problem);
                if (reads is not null)
                {
                    reads.Remember(s, read);
                    reads.LastText = s;
                    reads.LastRead = read;
                }
            }
            value = read.Value;
            if (read.Ok) return true;
            Reject(column, RejectionReason.BadCharacteristic, read.Problem!);
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

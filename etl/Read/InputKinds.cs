using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// Recognises a file's kind from its header row (files keep their source systems' names, so the name says
/// nothing). A kind matches when every column it needs is present; extra columns and column order don't matter.
/// Column names compare case-insensitively after trimming.
/// </summary>
public static class InputKinds
{
    public static IReadOnlyDictionary<InputKind, string[]> RequiredColumns { get; } = new Dictionary<InputKind, string[]>
    {
        [InputKind.Schools] =
        [
            "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName", "TypeOfEstablishment (name)",
            "PhaseOfEducation (name)", "EstablishmentStatus (name)", "OpenDate", "CloseDate", "StatutoryLowAge",
            "StatutoryHighAge",
        ],
        [InputKind.Enrolments] = ["upn", "school_urn", "entry_date", "leaving_date", "date_of_birth", "sex", "nc_year"],
        [InputKind.Marks] = ["upn", "school_urn", "date", "session", "code"],
        [InputKind.CohortMemberships] = ["upn", "cohort", "start_date", "end_date"],
        [InputKind.CohortDefinitions] = ["cohort", "name", "description"],
        // EES files: these four identify a benchmark row; the other sess_/enrolments_ columns are read when present.
        [InputKind.Benchmarks] = ["time_period", "geographic_level", "education_phase", "sess_overall_percent"],
        // EES "Pupil attendance in schools" weekly, term and year-to-date files (InYearColumns): the period, the area, the
        // phase and the overall absence rate; every other column (counts, reasons, codes and names of areas) may come and go.
        [InputKind.InYearBenchmarks] = ["time_period", "time_identifier", "geographic_level", "education_phase", "overall_absence_perc"],
        // DfE's pupil-level download ("View your education data"): only what a load uses is required; DfE changes
        // the file "with little to no notice", so every other column (characteristics, names) may come and go.
        [InputKind.SessionTotals] =
        [
            "UPN", "DOB", "sex", "unique_reference_number", "year_group", "admission_date", "possible_sessions",
            "present_sessions", "approved_educational_activity_sessions", "authorised_absent_sessions",
            "unauthorised_absent_sessions",
        ],
    };

    /// <summary>
    /// Optional columns of the DfE file: the span of a row (when absent, --period-start/--period-end give the
    /// file's span), the leaving date, and DfE's own absent total (checked when present).
    /// </summary>
    public static class SessionTotalsColumns
    {
        public const string PeriodStart = "period_start";
        public const string PeriodEnd = "period_end";
        public const string LeavingDate = "leaving_date";
        public const string Absent = "absent_sessions";
    }

    /// <summary>
    /// A header that is recognisably the DfE file (at least half of its required columns) but lacks some: the
    /// missing columns, so the rejection names them rather than listing every kind. Null otherwise.
    /// </summary>
    public static IReadOnlyList<string>? MissingSessionTotalsColumns(IReadOnlyList<string> header) =>
        MissingColumns(header, InputKind.SessionTotals);

    /// <summary>
    /// A header that is recognisably an EES in-year attendance file (an in-year rate column such as attendance_perc, and
    /// at least half of the required columns) but lacks some: the missing columns. Null otherwise.
    /// </summary>
    public static IReadOnlyList<string>? MissingInYearColumns(IReadOnlyList<string> header) =>
        header.Any(h => InYearColumns.Rates.Contains(h.Trim(), StringComparer.OrdinalIgnoreCase))
            ? MissingColumns(header, InputKind.InYearBenchmarks)
            : null;

    private static IReadOnlyList<string>? MissingColumns(IReadOnlyList<string> header, InputKind kind)
    {
        var set = new HashSet<string>(header.Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);
        var required = RequiredColumns[kind];
        var missing = required.Where(c => !set.Contains(c)).ToList();
        return missing.Count > 0 && missing.Count * 2 <= required.Length ? missing : null;
    }

    /// <summary>
    /// Columns of EES "Pupil attendance in schools" files read by the in-year kind, as DfE names them (data catalogue
    /// previews of the weekly, year-to-date, term and persistent absence data sets; docs/input-contracts.md).
    /// </summary>
    public static class InYearColumns
    {
        public const string TimePeriod = "time_period";
        public const string TimeIdentifier = "time_identifier";
        /// <summary>Present in the long and persistent absence data sets: "Year to date", or a weekday for a daily row.</summary>
        public const string TimeFrame = "time_frame";
        /// <summary>Present in the daily data sets only: a row of one day, which the kind skips.</summary>
        public const string AttendanceDate = "attendance_date";
        public const string GeographicLevel = "geographic_level";
        public const string RegionCode = "region_code";
        public const string RegionName = "region_name";
        public const string OldLaCode = "old_la_code";
        public const string NewLaCode = "new_la_code";
        public const string LaName = "la_name";
        public const string EducationPhase = "education_phase";
        public const string Attendance = "attendance_perc";
        public const string OverallAbsence = "overall_absence_perc";
        public const string AuthorisedAbsence = "authorised_absence_perc";
        public const string UnauthorisedAbsence = "unauthorised_absence_perc";
        /// <summary>The persistent absence data set's column (year to date only).</summary>
        public const string PersistentAbsence = "persistent_absence_percent";
        /// <summary>Not a DfE column: the shipped file says where each figure was read.</summary>
        public const string Source = "source";

        public static readonly string[] Rates = [Attendance, OverallAbsence, AuthorisedAbsence, UnauthorisedAbsence, PersistentAbsence];
    }

    /// <summary>Optional benchmark columns (null when absent).</summary>
    public static string[] OptionalBenchmarkColumns { get; } =
    [
        "old_la_code", "new_la_code", "la_name", "source", "sess_authorised_percent", "sess_unauthorised_percent",
        "enrolments_pa_10_exact_percent", "enrolments_pa_50_exact_percent",
    ];

    /// <summary>
    /// Optional schools column (not in GIAS: the LA adds it): Y for a school that opens on Saturdays or Sundays
    /// (some special and residential schools), so its weekend marks are accepted.
    /// </summary>
    public const string WeekendSessionsColumn = "weekend_sessions";

    /// <summary>The kind whose columns are all in <paramref name="header"/>, or null.</summary>
    public static InputKind? Recognise(IReadOnlyList<string> header)
    {
        var set = new HashSet<string>(header.Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);
        foreach (var (kind, cols) in RequiredColumns)
            if (cols.All(set.Contains)) return kind;
        return null;
    }

    /// <summary>Why a header matched nothing: what each kind needs and what this header lacks.</summary>
    public static string DescribeMismatch(IReadOnlyList<string> header)
    {
        var set = new HashSet<string>(header.Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);
        // A header sharing no column with any kind (the common case: a file of another kind altogether) says so once
        // rather than after every kind, which kept the message under 1,000 characters when a seventh kind came.
        var sharesNone = RequiredColumns.Values.All(cols => !cols.Any(set.Contains));
        // Sharing none, the long lists (GIAS, the DfE pupil-level file) are cut to their first columns: with the eighth kind
        // (EES in-year figures) the full lists took the message past 1,000 characters again (1,089).
        var parts = RequiredColumns.Select(kv =>
        {
            var missing = kv.Value.Where(c => !set.Contains(c)).ToList();
            var columns = sharesNone && kv.Value.Length > 7 ? [.. kv.Value.Take(5), $"… {kv.Value.Length - 5} more"] : kv.Value;
            return $"{kv.Key} needs [{string.Join(", ", columns)}]" + (sharesNone ? "" :
                   missing.Count == kv.Value.Length ? " (has none of them)" : $" (missing {string.Join(", ", missing)})");
        });
        var shown = header.Count > 12 ? string.Join(",", header.Take(12)) + ",…" : string.Join(",", header);
        return $"header {Validate.LineExcerpt.Quote(shown)} matches no input kind" +
               (sharesNone ? " (it has none of the columns any kind needs): " : ": ") + string.Join("; ", parts) +
               (sharesNone ? " (docs/input-contracts.md lists every column)" : "");
    }

    /// <summary>Index of each column name (case-insensitive); -1 when absent.</summary>
    internal static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
            if (string.Equals(header[i].Trim(), column, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}

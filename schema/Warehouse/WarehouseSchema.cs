using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// The DuckDB warehouse DDL. Raw marks keep a small-integer code id (attendance_codes decodes it); the
/// aggregates hold one row per enrolment per week-and-month fragment (a week that straddles a month end is two
/// rows) so weeks, months, half terms, terms and years are all exact sums of rows (<see cref="AggregateTable"/>).
/// Column lists of the aggregates are generated from the code catalogue, never typed out.
/// </summary>
public static class WarehouseSchema
{
    /// <summary>
    /// 2: marks without a stored category; aggregates stored packed, read through views.
    /// 3: schools.weekend_sessions (a school's Saturday and Sunday marks are accepted only when it is true).
    /// 4: pupils' characteristics (ethnicity, eal, sen_need, resident), null until a file gives them.
    /// 5: residency: pupils' home LA (home_la_code, home_la_ukprn, home_la_name), schools.la_ukprn, and schools of another LA
    ///    learned from DfE rows (la_code and laestab null: the DfE file names an LA by UKPRN only).
    ///    Also the school rollup's kept units (school_rollup_units, maintained by difference: a build that does not keep
    ///    them must not load into a warehouse that does, or they would fall behind the aggregates) and school_open_days.
    /// </summary>
    public const int Version = 5;

    /// <summary>Count columns of the aggregate views (and fields of the stored words): one per category, then one per code.</summary>
    public static IReadOnlyList<string> CountColumns { get; } =
        CategoryColumns.All.Select(CategoryColumns.For)
            .Concat(CodeCatalogue.Instance.Codes.Select(c => c.Column)).ToList();

    // Declared after CountColumns: static initialisers run in text order and Build() reads it.
    public static IReadOnlyList<string> Statements { get; } = Build();

    private static List<string> Build()
    {
        return
        [
            """
            CREATE TABLE IF NOT EXISTS warehouse_info (
              key VARCHAR PRIMARY KEY,
              value VARCHAR NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS batches (
              batch_id INTEGER PRIMARY KEY,
              loaded_at TIMESTAMP NOT NULL,
              files VARCHAR NOT NULL,
              content_hash VARCHAR NOT NULL,
              schools BIGINT NOT NULL,
              enrolments BIGINT NOT NULL,
              marks BIGINT NOT NULL,
              cohort_memberships BIGINT NOT NULL,
              benchmarks BIGINT NOT NULL,
              rejected BIGINT NOT NULL)
            """,
            // weekend_sessions and la_ukprn are last because versions 3 and 5 added them to existing tables, and ADD COLUMN
            // appends. la_code and laestab are null for a school learned from a DfE row (another LA's, named by UKPRN only):
            // such a school is never the LA's (ServedLocalAuthority.SchoolsSql compares la_code).
            """
            CREATE TABLE IF NOT EXISTS schools (
              urn INTEGER PRIMARY KEY,
              laestab INTEGER,
              la_code SMALLINT,
              la_name VARCHAR NOT NULL,
              name VARCHAR NOT NULL,
              establishment_type VARCHAR NOT NULL,
              phase_of_education VARCHAR NOT NULL,
              phase VARCHAR NOT NULL,
              status VARCHAR NOT NULL,
              open_date DATE,
              close_date DATE,
              statutory_low_age TINYINT,
              statutory_high_age TINYINT,
              batch_id INTEGER NOT NULL,
              weekend_sessions BOOLEAN NOT NULL DEFAULT false,
              la_ukprn VARCHAR)
            """,
            // The characteristics are last because version 4 added them to existing tables (ADD COLUMN appends). Null is
            // "not known": no file has given it. ethnicity and sen_need hold census codes (sen_need 'NONE': no SEN need);
            // eal is true for a first language other than English; resident is true when the pupil lives in the LA. The home LA
            // (version 5) is as the latest file gave it: a code (pupils file) or a UKPRN and name (DfE file).
            """
            CREATE TABLE IF NOT EXISTS pupils (
              pupil_id INTEGER PRIMARY KEY,
              upn VARCHAR NOT NULL UNIQUE,
              date_of_birth DATE NOT NULL,
              sex VARCHAR NOT NULL,
              ethnicity VARCHAR,
              eal BOOLEAN,
              sen_need VARCHAR,
              resident BOOLEAN,
              home_la_code SMALLINT,
              home_la_ukprn VARCHAR,
              home_la_name VARCHAR)
            """,
            """
            CREATE TABLE IF NOT EXISTS enrolments (
              pupil_id INTEGER NOT NULL,
              urn INTEGER NOT NULL,
              entry_date DATE NOT NULL,
              leaving_date DATE,
              nc_year VARCHAR NOT NULL,
              batch_id INTEGER NOT NULL,
              PRIMARY KEY (pupil_id, urn, entry_date))
            """,
            // Memberships are kept by UPN: the LA's cohort systems know pupils the registers may not have sent yet,
            // and the membership starts counting as soon as the pupil's enrolment and marks arrive.
            // No primary key on marks: an index over tens of millions of rows slows every load; the loader
            // guarantees one mark per enrolment, date and session (later batches replace earlier marks).
            """
            CREATE TABLE IF NOT EXISTS marks (
              urn INTEGER NOT NULL,
              pupil_id INTEGER NOT NULL,
              date DATE NOT NULL,
              session UTINYINT NOT NULL,
              code_id UTINYINT NOT NULL,
              batch_id INTEGER NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS cohort_memberships (
              upn VARCHAR NOT NULL,
              cohort VARCHAR NOT NULL,
              start_date DATE NOT NULL,
              end_date DATE,
              batch_id INTEGER NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS benchmarks (
              time_period INTEGER NOT NULL,
              geographic_level VARCHAR NOT NULL,
              old_la_code VARCHAR,
              new_la_code VARCHAR,
              la_name VARCHAR,
              education_phase VARCHAR NOT NULL,
              source VARCHAR,
              sess_overall_percent DOUBLE,
              sess_authorised_percent DOUBLE,
              sess_unauthorised_percent DOUBLE,
              enrolments_pa_10_exact_percent DOUBLE,
              enrolments_pa_50_exact_percent DOUBLE)
            """,
            // DfE's in-year figures (EES "Pupil attendance in schools"): a week (week_commencing), a term, or the year to date
            // up to the week commencing week_commencing. origin 'shipped' rows come from the product's own file and are
            // rewritten with every load; 'loaded' rows came from a file the LA loaded and replace a shipped row of the same key.
            """
            CREATE TABLE IF NOT EXISTS in_year_benchmarks (
              span VARCHAR NOT NULL,
              time_period INTEGER NOT NULL,
              week_commencing DATE,
              term VARCHAR,
              geographic_level VARCHAR NOT NULL,
              region_code VARCHAR,
              region_name VARCHAR,
              old_la_code VARCHAR,
              new_la_code VARCHAR,
              la_name VARCHAR,
              education_phase VARCHAR NOT NULL,
              attendance_perc DOUBLE,
              overall_absence_perc DOUBLE,
              authorised_absence_perc DOUBLE,
              unauthorised_absence_perc DOUBLE,
              persistent_absence_percent DOUBLE,
              source VARCHAR,
              origin VARCHAR NOT NULL)
            """,
            // Decodes marks.code_id for anyone querying the raw marks (BI tools, analysts' SQL).
            """
            CREATE TABLE IF NOT EXISTS attendance_codes (
              code_id UTINYINT PRIMARY KEY,
              code VARCHAR NOT NULL,
              meaning VARCHAR NOT NULL,
              category VARCHAR NOT NULL,
              possible_session BOOLEAN NOT NULL,
              penalty_notice_threshold BOOLEAN NOT NULL,
              count_column VARCHAR NOT NULL)
            """,
            // Reference data, rewritten by every load (etl/Publish/CohortReference) from the statutory list in code and the
            // LA's declared cohorts, so a warehouse built before a cohort existed measures it after its next load.
            """
            CREATE TABLE IF NOT EXISTS reporting_cohorts (
              cohort VARCHAR NOT NULL,
              membership_cohort VARCHAR NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS cohorts (
              cohort VARCHAR PRIMARY KEY,
              name VARCHAR NOT NULL,
              description VARCHAR NOT NULL,
              statutory BOOLEAN NOT NULL,
              position INTEGER NOT NULL)
            """,
            // The LA's own cohorts as its cohort definitions files declared them (input, kept like memberships).
            """
            CREATE TABLE IF NOT EXISTS la_cohorts (
              cohort VARCHAR PRIMARY KEY,
              name VARCHAR NOT NULL,
              description VARCHAR NOT NULL,
              batch_id INTEGER NOT NULL)
            """,
            // Session totals from DfE pupil-level files: one row per enrolment per school week. They feed the
            // aggregates for the enrolment-weeks without marks (registers, the more detailed source, win).
            // Created IF NOT EXISTS by every load, so an older warehouse gains it on its next load.
            """
            CREATE TABLE IF NOT EXISTS session_totals (
              urn INTEGER NOT NULL,
              pupil_id INTEGER NOT NULL,
              span_start DATE NOT NULL,
              span_end DATE NOT NULL,
              possible UTINYINT NOT NULL,
              present UTINYINT NOT NULL,
              aea UTINYINT NOT NULL,
              authorised UTINYINT NOT NULL,
              unauthorised UTINYINT NOT NULL,
              batch_id INTEGER NOT NULL)
            """,
            // The distinct spans per school (thousands of rows, not millions): what a measure checks its period
            // against before answering, so a period that cuts through a week known only as totals is refused.
            """
            CREATE TABLE IF NOT EXISTS session_total_spans (
              urn INTEGER NOT NULL,
              span_start DATE NOT NULL,
              span_end DATE NOT NULL)
            """,
            RecordKeys.CreateTableSql,
            BatchCoverage.CreateTableSql,
            CohortIntervals.CreateTableSql,
            SchoolOpenDays.CreateTableSql,
            .. AggregateTable.All.SelectMany(t => new[] { t.CreateTableSql, t.CreateViewSql }),
            Rollups.SchoolRollup.CreateTableSql,
            Rollups.RollupUnits.CreateTableSql,
        ];
    }

    /// <summary>
    /// The Monday of a date's week, in date arithmetic: date_trunc returns a timestamp, and casting it back over
    /// tens of millions of marks measured ~25% slower on this machine.
    /// </summary>
    public static string WeekStartSql(string date) => $"({date} - (isodow({date}) - 1)::INTEGER)";

    /// <summary>The first day of a date's month, in date arithmetic (see <see cref="WeekStartSql"/>).</summary>
    public static string MonthStartSql(string date) => $"({date} - (day({date}) - 1)::INTEGER)";

    /// <summary>Start year of the academic year (1 August to 31 July) containing a date expression.</summary>
    public static string AcademicYearSql(string date) => $"(year({date}) - CASE WHEN month({date}) < 8 THEN 1 ELSE 0 END)::SMALLINT";
}

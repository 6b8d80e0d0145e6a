using AttendanceGraph.Benchmarks.Data;
using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Cohorts;

namespace AttendanceGraph.Benchmarks.Peer;

/// <summary>
/// The peer's schema, load and the four dashboard measures in PostgreSQL SQL, written to match the product's
/// definitions (MeasureDefinitions): possible = present + approved activity + authorised + unauthorised; overall
/// absence = authorised + unauthorised; PA = enrolments (school × pupil) with overall ≥ 10% of possible; compulsory
/// school age only (5–15 on 31 August before the year); cohort sessions only while in the cohort; "rest" = each
/// enrolment's sessions less those it spent in the cohort. Each query runs from raw marks and from pre-aggregates.
/// </summary>
public sealed class PeerSql(Dataset dataset, IReadOnlyList<(int Urn, string Phase)> schools, int probeUrn, string probePhase)
{
    private static readonly string From = BenchmarkCalendar.Year.Start.ToString("yyyy-MM-dd");
    private static readonly string To = BenchmarkCalendar.Year.End.ToString("yyyy-MM-dd");
    private static readonly string[] MembershipFiles = ["fsm_eligibility.csv", "sen_register.csv", "social_care.csv"];

    private static string Lit(string s) => "'" + s.Replace("'", "''") + "'";

    private static string Compulsory(string dob) =>
        $"(({BenchmarkCalendar.Year.StartYear} - extract(year FROM {dob})::int - CASE WHEN extract(month FROM {dob}) > 8 THEN 1 ELSE 0 END) BETWEEN 5 AND 15)";

    public IReadOnlyList<(string Step, string Sql)> Load() =>
    [
        ("create tables", """
            CREATE TABLE marks (upn text NOT NULL, school_urn integer NOT NULL, date date NOT NULL, session text NOT NULL, code text NOT NULL);
            CREATE TABLE pupils_raw (upn text, school_urn integer, entry_date date, leaving_date date, date_of_birth date, sex text, nc_year text,
              ethnicity text, eal text, sen_need text, home_la_code text);
            CREATE TABLE memberships (upn text NOT NULL, cohort text NOT NULL, start_date date NOT NULL, end_date date)
            """),
        ("COPY marks.csv", $"COPY marks FROM {Lit(dataset.MarksCsv)} (FORMAT csv, HEADER true)"),
        ("COPY pupils and cohort files", string.Join(";\n",
            new[] { $"COPY pupils_raw FROM {Lit(Path.Combine(dataset.InputDir, "pupils.csv"))} (FORMAT csv, HEADER true)" }
            .Concat(MembershipFiles.Where(f => File.Exists(Path.Combine(dataset.InputDir, f)))
                .Select(f => $"COPY memberships FROM {Lit(Path.Combine(dataset.InputDir, f))} (FORMAT csv, HEADER true)")))),
        ("dimensions (pupils, schools, codes, cohorts)", Dimensions()),
        ("indexes", """
            CREATE INDEX marks_school ON marks (school_urn);
            CREATE INDEX memberships_upn ON memberships (upn)
            """),
        ("ANALYZE", "ANALYZE"),
    ];

    private string Dimensions()
    {
        var codes = string.Join(",\n", CodeCatalogue.Instance.Codes.Select(c =>
            $"({Lit(c.Code)}, {(c.IsAttendance || c.IsAbsence ? "true" : "false")}, {(c.IsAbsence ? "true" : "false")})"));
        var cohorts = string.Join(", ", ReportingCohort.All.SelectMany(r => r.MembershipCohorts.Select(m => $"({Lit(r.Key)}, {Lit(m)})")));
        var schoolRows = string.Join(", ", schools.Select(s => $"({s.Urn}, {Lit(s.Phase)})"));
        return $"""
            CREATE TABLE pupils AS SELECT DISTINCT ON (upn) upn, date_of_birth, {Compulsory("date_of_birth")} AS compulsory FROM pupils_raw ORDER BY upn;
            ALTER TABLE pupils ADD PRIMARY KEY (upn);
            CREATE TABLE codes (code text PRIMARY KEY, possible boolean NOT NULL, absence boolean NOT NULL);
            INSERT INTO codes VALUES {codes};
            CREATE TABLE reporting_cohorts (key text NOT NULL, membership text NOT NULL);
            INSERT INTO reporting_cohorts VALUES {cohorts};
            CREATE TABLE schools (urn integer PRIMARY KEY, phase text NOT NULL);
            INSERT INTO schools VALUES {schoolRows}
            """;
    }

    /// <summary>The pupil × week pre-aggregates (all sessions, and per reporting cohort while in it).</summary>
    public IReadOnlyList<(string Step, string Sql)> PreAggregate() =>
    [
        ("pupil × week aggregate", $"""
            CREATE TABLE agg_pupil_week AS
            SELECT m.school_urn AS urn, m.upn, date_trunc('week', m.date)::date AS week_start, p.compulsory,
                   count(*) FILTER (WHERE c.possible) AS possible, count(*) FILTER (WHERE c.absence) AS overall
            FROM marks m JOIN codes c ON c.code = m.code JOIN pupils p ON p.upn = m.upn
            GROUP BY 1, 2, 3, 4;
            CREATE INDEX agg_pupil_week_urn ON agg_pupil_week (urn)
            """),
        ("cohort × pupil × week aggregate", $"""
            CREATE TABLE agg_cohort_pupil_week AS
            SELECT key, urn, upn, date_trunc('week', date)::date AS week_start, compulsory,
                   count(*) FILTER (WHERE possible) AS possible, count(*) FILTER (WHERE absence) AS overall
            FROM ({CohortSessions("TRUE")}) d
            GROUP BY 1, 2, 3, 4, 5;
            CREATE INDEX agg_cohort_pupil_week_urn ON agg_cohort_pupil_week (urn)
            """),
        ("ANALYZE aggregates", "ANALYZE agg_pupil_week; ANALYZE agg_cohort_pupil_week"),
    ];

    /// <summary>Each session a pupil spent in a reporting cohort once (SEND = SEN support ∪ EHC plan, without double counting).</summary>
    private static string CohortSessions(string where) => $"""
        SELECT DISTINCT rc.key, m.school_urn AS urn, m.upn, m.date, m.session, c.possible, c.absence, p.compulsory
        FROM marks m JOIN codes c ON c.code = m.code JOIN pupils p ON p.upn = m.upn
          JOIN memberships ms ON ms.upn = m.upn AND m.date >= ms.start_date AND (ms.end_date IS NULL OR m.date <= ms.end_date)
          JOIN reporting_cohorts rc ON rc.membership = ms.cohort
        WHERE {where}
        """;

    private const string Rates = """
        round(100.0 * sum(overall) / sum(possible), 4) AS overall_absence_rate,
        round(100.0 * count(*) FILTER (WHERE overall * 100 >= possible * 10) / count(*), 4) AS persistent_absence_rate
        """;

    private static string RawEnrolments(string where, string extraKey = "") => $"""
        SELECT m.school_urn AS urn, m.upn{(extraKey.Length > 0 ? ", " + extraKey : "")},
               count(*) FILTER (WHERE c.possible) AS possible, count(*) FILTER (WHERE c.absence) AS overall
        FROM marks m JOIN codes c ON c.code = m.code JOIN pupils p ON p.upn = m.upn
        WHERE m.date BETWEEN DATE '{From}' AND DATE '{To}' AND p.compulsory AND {where}
        GROUP BY 1, 2{(extraKey.Length > 0 ? ", 3" : "")}
        """;

    private static string AggEnrolments(string where, string extraKey = "") => $"""
        SELECT urn, upn{(extraKey.Length > 0 ? ", " + extraKey : "")}, sum(possible) AS possible, sum(overall) AS overall
        FROM agg_pupil_week
        WHERE week_start BETWEEN DATE '{From}' - 6 AND DATE '{To}' AND compulsory AND {where}
        GROUP BY 1, 2{(extraKey.Length > 0 ? ", 3" : "")}
        """;

    private static string CohortRaw(string where) => $"""
        SELECT key, urn, upn, count(*) FILTER (WHERE possible) AS possible, count(*) FILTER (WHERE absence) AS overall
        FROM ({CohortSessions($"m.date BETWEEN DATE '{From}' AND DATE '{To}' AND p.compulsory AND {where}")}) d
        GROUP BY 1, 2, 3
        """;

    private static string CohortAgg(string where) => $"""
        SELECT key, urn, upn, sum(possible) AS possible, sum(overall) AS overall
        FROM agg_cohort_pupil_week
        WHERE week_start BETWEEN DATE '{From}' - 6 AND DATE '{To}' AND compulsory AND {where}
        GROUP BY 1, 2, 3
        """;

    /// <summary>The four dashboard queries, from raw marks (raw = true) or from the pre-aggregates.</summary>
    public IReadOnlyList<(string Name, string Sql)> Queries(bool raw)
    {
        Func<string, string, string> enrol = raw ? RawEnrolments : AggEnrolments;
        Func<string, string> cohort = raw ? CohortRaw : CohortAgg;
        var urnCol = raw ? "m.school_urn" : "urn";
        var week = raw ? "date_trunc('week', m.date)::date AS week_start" : "week_start";
        var inPhase = $"{urnCol} IN (SELECT urn FROM schools WHERE phase = {Lit(probePhase)})";
        return
        [
            ("schools list", $"WITH e AS ({enrol("TRUE", "")}) SELECT urn, {Rates} FROM e WHERE possible > 0 GROUP BY urn ORDER BY overall_absence_rate DESC"),
            ("LA weekly trend", $"WITH e AS ({enrol("TRUE", week)}) SELECT week_start, {Rates} FROM e WHERE possible > 0 GROUP BY week_start ORDER BY week_start"),
            ("school cohorts", $"""
                WITH e AS ({enrol($"{urnCol} = {probeUrn}", "")}),
                c AS ({cohort($"{(raw ? "m.school_urn" : "urn")} = {probeUrn}")}),
                r AS (SELECT k.key, e.urn, e.upn, e.possible - coalesce(c.possible, 0) AS possible, e.overall - coalesce(c.overall, 0) AS overall
                      FROM e CROSS JOIN (SELECT DISTINCT key FROM reporting_cohorts) k LEFT JOIN c ON c.key = k.key AND c.urn = e.urn AND c.upn = e.upn)
                SELECT 'cohort' AS side, key, {Rates} FROM c WHERE possible > 0 GROUP BY key
                UNION ALL
                SELECT 'rest', key, {Rates} FROM r WHERE possible > 0 GROUP BY key
                """),
            ("school benchmark", $"WITH e AS ({enrol(inPhase, "")}) SELECT urn, {Rates} FROM e WHERE possible > 0 GROUP BY GROUPING SETS ((urn), ())"),
        ];
    }

    /// <summary>The LA's overall absence and PA rate for the year, for a cross-check against the product.</summary>
    public static string LaCheck => $"WITH e AS ({RawEnrolments("TRUE")}) SELECT {Rates.Replace("\n", " ")} FROM e WHERE possible > 0";
}

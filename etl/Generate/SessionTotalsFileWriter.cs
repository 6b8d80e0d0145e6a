using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Writes the DfE pupil-level attendance file that the registers in a marks file and a pupils file add up to: one
/// row per pupil per school per school week, with the week in period_start/period_end, so a demo LA can be loaded
/// either way and the two loads compared. The totals are counted by DuckDB straight from the CSV files (tens of
/// millions of marks), categories taken from the code catalogue like every other count.
/// Only the columns the registers and pupils file can fill truthfully are written: the pupils' characteristics (ethnicity,
/// English as an additional language, SEN primary type of need, and home and school LA as DfE gives them, by UKPRN) but
/// not names. The LAs' UKPRNs are synthetic (<see cref="DemoUkprn"/>): the loader only compares home with school.
/// </summary>
public static class SessionTotalsFileWriter
{
    public const string FileName = "dfe-pupil-attendance.csv";

    /// <summary>A synthetic 8-digit UKPRN for an LA of the demo (real LA UKPRNs are not in the shipped data).</summary>
    public static int DemoUkprn(int laCode) => 10_000_000 + laCode;

    /// <param name="laCode">The LA whose schools the registers are from (the school LA of every row).</param>
    public static string Write(string marksCsv, string pupilsCsv, string outPath, int laCode)
    {
        // A large LA (100,000 pupils, 38 M marks) ran out of the usual 1 GB and the generator failed at its last step:
        // choosing each pupil-week's admission is a window over ~4 M rows, which DuckDB holds in memory. 2 GB measured
        // enough there (peak resident 2.3 GB; 19 s); the temporary directory lets the operators that can spill do so.
        var spill = Directory.CreateTempSubdirectory("attendancegraph-generate-");
        try
        {
            using var c = new DuckDBConnection("Data Source=:memory:");
            c.Open();
            c.ExecuteAll(DuckDbSettings.SessionStatements("2GB"));
            c.Execute("SET temp_directory = $dir", ("dir", spill.FullName));
            Count(c, marksCsv, pupilsCsv, outPath, laCode);
        }
        finally
        {
            spill.Delete(recursive: true);
        }
        return outPath;
    }

    private static void Count(DuckDBConnection c, string marksCsv, string pupilsCsv, string outPath, int laCode)
    {
        c.Execute("CREATE TEMP TABLE code_category (code VARCHAR, category UTINYINT)");
        using (var a = c.CreateAppender("code_category"))
            foreach (var code in CodeCatalogue.Instance.Codes)
                a.CreateRow().AppendValue(code.Code).AppendValue((byte)code.Category).EndRow();
        string Count(AttendanceCategory category) => $"count(*) FILTER (WHERE k.category = {(byte)category})";
        // Paths are parameters; the enrolment chosen for a week is the latest admission on or before it.
        c.Execute($$"""
            COPY (
              WITH w AS (
                SELECT m.upn, m.school_urn, (m.date - (isodow(m.date) - 1)::INTEGER) AS week_start, max(isodow(m.date)) AS last_day,
                       {{Count(AttendanceCategory.Present)}} AS present, {{Count(AttendanceCategory.ApprovedEducationalActivity)}} AS aea,
                       {{Count(AttendanceCategory.AuthorisedAbsence)}} AS authorised, {{Count(AttendanceCategory.UnauthorisedAbsence)}} AS unauthorised
                FROM read_csv($marks, header = true, columns = {'upn': 'VARCHAR', 'school_urn': 'INTEGER', 'date': 'DATE', 'session': 'VARCHAR', 'code': 'VARCHAR'}, quote = '"', escape = '"') m
                JOIN code_category k ON k.code = m.code
                GROUP BY ALL),
              e AS (
                SELECT * FROM read_csv($pupils, header = true, columns = {'upn': 'VARCHAR', 'school_urn': 'INTEGER', 'entry_date': 'DATE', 'leaving_date': 'DATE', 'date_of_birth': 'DATE', 'sex': 'VARCHAR', 'nc_year': 'VARCHAR',
                  'ethnicity': 'VARCHAR', 'eal': 'VARCHAR', 'sen_need': 'VARCHAR', 'home_la_code': 'INTEGER'}))
              SELECT
                CASE WHEN month(w.week_start) >= 9 THEN 'Autumn' WHEN month(w.week_start) >= 4 THEN 'Summer' ELSE 'Spring' END || ' ' ||
                  (year(w.week_start) - CASE WHEN month(w.week_start) < 8 THEN 1 ELSE 0 END)::VARCHAR AS academic_term,
                w.upn AS UPN, e.date_of_birth AS DOB, CASE e.sex WHEN 'M' THEN 'male' ELSE 'female' END AS sex,
                e.ethnicity,  -- NULL is written as an empty field (an empty string would be quoted)
                CASE e.eal WHEN 'Y' THEN 'yes' WHEN 'N' THEN 'no' ELSE 'unknown' END AS english_additional_language,
                e.sen_need AS primary_sen_type,
                w.school_urn AS unique_reference_number, e.nc_year AS year_group,
                $school_la AS school_local_authority_ukprn,
                ($ukprn_base + e.home_la_code)::VARCHAR AS home_local_authority_ukprn,
                e.entry_date AS admission_date, e.leaving_date,
                w.present + w.aea + w.authorised + w.unauthorised AS possible_sessions,
                w.present AS present_sessions, w.aea AS approved_educational_activity_sessions,
                w.authorised AS authorised_absent_sessions, w.unauthorised AS unauthorised_absent_sessions,
                w.authorised + w.unauthorised AS absent_sessions,
                w.week_start AS period_start,
                w.week_start + CASE WHEN w.last_day > 5 THEN 6 ELSE 4 END AS period_end
              FROM w JOIN e ON e.upn = w.upn AND e.school_urn = w.school_urn
                AND e.entry_date <= w.week_start + 6 AND (e.leaving_date IS NULL OR e.leaving_date >= w.week_start)
              QUALIFY row_number() OVER (PARTITION BY w.upn, w.school_urn, w.week_start ORDER BY e.entry_date DESC) = 1
              ORDER BY period_start, unique_reference_number, UPN
            ) TO '{{outPath.Replace("'", "''")}}' (HEADER, DELIMITER ',')
            """, ("marks", marksCsv), ("pupils", pupilsCsv), ("school_la", DemoUkprn(laCode).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("ukprn_base", DemoUkprn(0)));
    }
}

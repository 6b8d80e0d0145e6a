namespace AttendanceGraph.Schema.Calendar;

/// <summary>
/// Official statistics count pupils aged 5 to 15 on 31 August before the academic year starts.
/// The C# rule lives in <see cref="AcademicYear.IsCompulsorySchoolAge"/>; this is the same rule for SQL,
/// and a test checks the two agree on boundary birthdays.
/// </summary>
public static class CompulsorySchoolAge
{
    /// <summary>Age on 31 August of <paramref name="academicYearStart"/> is start − birth year, less one if born after 31 August.</summary>
    public static string Sql(string dateOfBirth, string academicYearStart) =>
        $"(({academicYearStart} - year({dateOfBirth}) - CASE WHEN month({dateOfBirth}) > 8 THEN 1 ELSE 0 END) BETWEEN 5 AND 15)";
}

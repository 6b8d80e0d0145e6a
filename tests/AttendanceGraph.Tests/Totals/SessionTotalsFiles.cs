using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Totals;

/// <summary>DfE pupil-level files for tests: the columns a load needs, in DfE's order, with the week in columns.</summary>
internal static class SessionTotalsFiles
{
    public const string Header =
        "academic_term,UPN,DOB,sex,ethnicity,unique_reference_number,year_group,pupil_surname,admission_date,leaving_date," +
        "possible_sessions,present_sessions,approved_educational_activity_sessions,authorised_absent_sessions,unauthorised_absent_sessions,absent_sessions," +
        "period_start,period_end";

    /// <summary>One row: present, AEA, authorised and unauthorised sessions; possible and absent are their sums.</summary>
    public static string Row(string upn, int urn, DateOnly monday, int present, int aea, int authorised, int unauthorised,
        string dob = "2018-03-01", string admission = "2022-09-01") =>
        $"Autumn 2025,{upn},{dob},female,WBRI,{urn},3,Surname,{admission},,{present + aea + authorised + unauthorised},{present},{aea}," +
        $"{authorised},{unauthorised},{authorised + unauthorised},{monday:yyyy-MM-dd},{monday.AddDays(4):yyyy-MM-dd}";

    public static string Write(string folder, string name, params string[] rows)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, Header + "\n" + string.Join("\n", rows) + "\n");
        return path;
    }

    /// <summary>The hand-checked LA's GIAS extract alone, in a folder of its own.</summary>
    public static string Schools(EtlWarehouse w)
    {
        var folder = w.NewFolder("schools");
        const string gias = "edubasealldata20250901.csv";
        File.Copy(Path.Combine(w.HandChecked, gias), Path.Combine(folder, gias));
        return Path.Combine(folder, gias);
    }
}

using System.Text;
using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Writes memberships as the three LA systems export them: the SEN register, the social care case system and
/// the FSM eligibility checker. Each file has the same columns; which system a cohort lives in is fixed.
/// </summary>
public static class CohortFilesWriter
{
    public const string SocialCareFile = "social_care.csv";

    public static readonly (string File, string[] Cohorts)[] Systems =
    [
        ("sen_register.csv", [Cohort.SenSupport, Cohort.EhcPlan]),
        (SocialCareFile, [Cohort.ChildInNeed, Cohort.ChildProtectionPlan, Cohort.LookedAfter, Cohort.PreviouslyLookedAfter]),
        ("fsm_eligibility.csv", [Cohort.Fsm]),
    ];

    /// <returns>The files written and the number of membership rows.</returns>
    public static (List<string> Files, int Rows) Write(IEnumerable<DemoPupil> pupils, DateOnly asOf, string outDir)
    {
        var files = new List<string>();
        var rows = 0;
        var list = pupils.ToList();
        foreach (var (file, cohorts) in Systems)
        {
            var path = Path.Combine(outDir, file);
            using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
            w.WriteLine("upn,cohort,start_date,end_date");
            foreach (var pupil in list)
                foreach (var m in pupil.Memberships)
                {
                    // The systems know nothing after the extract date: future starts are absent, future ends open.
                    if (Array.IndexOf(cohorts, m.Cohort) < 0 || m.StartDate > asOf) continue;
                    var end = m.EndDate is { } e && e <= asOf ? m.EndDate : null;
                    w.Write(m.Upn); w.Write(','); w.Write(m.Cohort); w.Write(',');
                    w.Write(CsvField.IsoDate(m.StartDate)); w.Write(',');
                    w.WriteLine(CsvField.IsoDate(end));
                    rows++;
                }
            files.Add(path);
        }
        return (files, rows);
    }
}

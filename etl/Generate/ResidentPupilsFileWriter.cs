using System.Text;
using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Writes the demo LA's DfE resident-pupil download: its resident pupils educated at neighbouring LAs' schools, as weekly
/// session totals in the pupil-level file's columns (the LA gets no registers from other LAs' schools). A few of them are the
/// LA's looked-after children placed out of area, whose memberships are added to the social care extract, so the Virtual
/// School shows them. The schools are not in the GIAS extract: the loader learns them from the rows (URN, name, phase and the
/// LA by UKPRN and name), as it would for a school GIAS was not loaded for. Only the current academic year, up to the last
/// whole school week before the extract date; deterministic for a seed.
/// </summary>
public static class ResidentPupilsFileWriter
{
    public const string FileName = "dfe-resident-pupils.csv";

    /// <summary>The neighbouring LAs' schools the LA's residents attend (fictional names; URNs outside the planner's ranges).</summary>
    private static readonly (int Urn, string Name, string Phase, int La, string LaName)[] Schools =
    [
        (160_101, "Morden Brook Primary School", "primary", 315, "Merton"),
        (160_102, "Merton Vale High School", "secondary", 315, "Merton"),
        (160_201, "Purley Oaks Primary School", "primary", 306, "Croydon"),
        (160_202, "Croydon Ridge Academy", "secondary", 306, "Croydon"),
    ];

    /// <returns>The file written, and the looked-after children's membership rows for the social care extract.</returns>
    public static (string Path, List<string> LookedAfterRows, int Pupils) Write(GeneratorOptions options, int lookedAfter, int others, string outDir)
    {
        var rng = new DemoRandom(DemoRandom.Derive(options.Seed, 0x4E51DL));
        var calendar = SchoolCalendar.For(options.AsOf);
        var start = calendar.Year.StartYear;
        // Whole school weeks (their Friday on or before the extract date) with the days each was open.
        var weeks = calendar.SchoolDays.Where(d => SchoolCalendar.MondayOf(d).AddDays(4) <= options.AsOf)
            .GroupBy(SchoolCalendar.MondayOf).Select(g => (Monday: g.Key, Days: g.Count())).ToList();
        var path = Path.Combine(outDir, FileName);
        var lac = new List<string>();
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        w.WriteLine("academic_term,UPN,DOB,sex,looked_after_child,unique_reference_number,year_group,school_local_authority_ukprn,school_local_authority_name," +
                    "home_local_authority_ukprn,home_local_authority_name,school_name,phase,admission_date,leaving_date,possible_sessions,present_sessions," +
                    "approved_educational_activity_sessions,authorised_absent_sessions,unauthorised_absent_sessions,absent_sessions,period_start,period_end");
        var upns = new UpnIssuer();
        var home = SessionTotalsFileWriter.DemoUkprn(options.LaCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var admitted = calendar.SchoolDays.Count > 0 ? calendar.SchoolDays[0] : new DateOnly(start, 9, 1);
        for (var i = 0; i < lookedAfter + others; i++)
        {
            var isLookedAfter = i < lookedAfter;
            var year = rng.Next(1, 12);
            var school = Schools[(year <= 6 ? 0 : 1) + 2 * rng.Next(2)];
            var upn = upns.Issue(school.La, 2000 + school.Urn % 1000, start - year);
            var dob = new DateOnly(start - year - 5, 9, 1).AddDays(rng.Next(365));
            // Looked-after children miss more school than their peers here (CohortEffects calibrates the LA's own).
            var rate = (isLookedAfter ? 0.09 : 0.06) * rng.NextLogNormalMeanOne(0.6);
            if (isLookedAfter) lac.Add($"{upn},{Cohort.LookedAfter},{CsvField.IsoDate(new DateOnly(start - 2, 4, 1).AddDays(rng.Next(700)))},");
            var sex = rng.Chance(0.5) ? "male" : "female";
            foreach (var (monday, days) in weeks)
            {
                int possible = 2 * days, authorised = 0, unauthorised = 0;
                for (var s = 0; s < possible; s++)
                    if (rng.Chance(rate)) { if (rng.Chance(0.65)) authorised++; else unauthorised++; }
                var term = monday.Month >= 9 ? "Autumn" : monday.Month >= 4 ? "Summer" : "Spring";
                w.WriteLine(string.Join(',',
                    $"{term} {start}", upn, CsvField.IsoDate(dob), sex, isLookedAfter ? "yes" : "no", school.Urn, year,
                    SessionTotalsFileWriter.DemoUkprn(school.La), school.LaName, home, options.LaName, school.Name, school.Phase,
                    CsvField.IsoDate(admitted), "", possible, possible - authorised - unauthorised, 0, authorised, unauthorised, authorised + unauthorised,
                    CsvField.IsoDate(monday), CsvField.IsoDate(monday.AddDays(4))));
            }
        }
        return (path, lac, lookedAfter + others);
    }
}

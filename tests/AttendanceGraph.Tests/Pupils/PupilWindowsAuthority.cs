using System.Text;
using AttendanceGraph.Schema.Identifiers;

namespace AttendanceGraph.Tests.Pupils;

/// <summary>
/// A tiny LA for the time edges of pupil access, hand-checked: schools Gamma and Theta, registers for the three school
/// weeks Mon 8 – Fri 26 September 2025 (15 days, 30 sessions a pupil). Every mark is present (/ or \) except as listed.
/// J moves school mid-week: at Gamma 1 Sep – Wed 17 Sep (I Wed 17 Sep AM, its leaving day), at Theta from Thu 18 Sep
///   (O Thu 18 Sep PM, its joining day). Gamma holds 8 days of J's marks (16 sessions), Theta 7 (14).
/// V at Gamma throughout; looked after 1 Sep – Wed 17 Sep (the membership ends mid-week): O Wed 17 Sep PM (in care),
///   I Thu 18 Sep AM and PM (after). In care: 8 days, 16 sessions, 1 absent; all three weeks: 30 sessions, 3 absent.
/// C at Gamma throughout; a child in need Mon 15 Sep – Tue 23 Sep (a status that ended): I Fri 12 Sep AM (before),
///   N Mon 22 Sep AM (during), I Wed 24 Sep AM (after). In need: 7 days, 14 sessions, 1 absent; all three weeks: 30, 3.
/// O at Gamma throughout, in overlapping and adjacent virtual-school cohorts: a child in need Mon 8 – Fri 12 Sep, on a
///   child protection plan Thu 11 – Tue 16 Sep, looked after Wed 17 – Fri 19 Sep, previously looked after from Wed 24 Sep:
///   two windows, 8–19 Sep (10 days, 20 sessions) and from 24 Sep (3 days, 6 sessions). I Thu 11 Sep AM, in the overlap.
/// </summary>
public static class PupilWindowsAuthority
{
    public const int Gamma = 300001, Theta = 300002;
    public static readonly string J = Upn.Create(319, 3101, 2019, 1), V = Upn.Create(319, 3101, 2019, 2), C = Upn.Create(319, 3101, 2019, 3),
        O = Upn.Create(319, 3101, 2019, 4);

    /// <summary>A well-formed UPN the warehouse does not hold.</summary>
    public static readonly string Unknown = Upn.Create(319, 3101, 2019, 99);

    public static IReadOnlyList<DateOnly> SchoolDays { get; } =
        Enumerable.Range(0, 19).Select(i => new DateOnly(2025, 9, 8).AddDays(i))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();

    private static DateOnly Sep(int day) => new(2025, 9, day);

    public static string Write(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "edubasealldata20251201.csv"), string.Join("\r\n",
            "URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),OpenDate,CloseDate,StatutoryLowAge,StatutoryHighAge,Postcode",
            $"{Gamma},319,Sutton,3101,Gamma Primary School,Community school,Open,Primary,01-09-1970,,4,11,SM1 1AC",
            $"{Theta},319,Sutton,3102,Theta Primary School,Community school,Open,Primary,01-09-1970,,4,11,SM1 1AD") + "\r\n", Encoding.Latin1);

        File.WriteAllText(Path.Combine(dir, "pupils.csv"), $"""
            upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year
            {J},{Gamma},2025-09-01,2025-09-17,2016-03-01,F,5
            {J},{Theta},2025-09-18,,2016-03-01,F,5
            {V},{Gamma},2025-09-01,,2016-04-01,M,5
            {C},{Gamma},2025-09-01,,2016-05-01,F,5
            {O},{Gamma},2025-09-01,,2016-06-01,M,5

            """);

        var absent = new Dictionary<(string, DateOnly, string), string>
        {
            [(J, Sep(17), "AM")] = "I", [(J, Sep(18), "PM")] = "O",
            [(V, Sep(17), "PM")] = "O", [(V, Sep(18), "AM")] = "I", [(V, Sep(18), "PM")] = "I",
            [(C, Sep(12), "AM")] = "I", [(C, Sep(22), "AM")] = "N", [(C, Sep(24), "AM")] = "I",
            [(O, Sep(11), "AM")] = "I",
        };
        var marks = new StringBuilder("upn,school_urn,date,session,code\n");
        foreach (var upn in new[] { J, V, C, O })
            foreach (var d in SchoolDays)
                foreach (var session in new[] { "AM", "PM" })
                {
                    var urn = upn == J && d >= Sep(18) ? Theta : Gamma;
                    var code = absent.GetValueOrDefault((upn, d, session)) ?? (session == "AM" ? "/" : "\\");
                    marks.Append($"{upn},{urn},{d:yyyy-MM-dd},{session},{code}\n");
                }
        File.WriteAllText(Path.Combine(dir, "marks.csv"), marks.ToString());

        File.WriteAllText(Path.Combine(dir, "cohorts.csv"), $"""
            upn,cohort,start_date,end_date
            {V},LOOKED_AFTER,2025-09-01,2025-09-17
            {C},CHILD_IN_NEED,2025-09-15,2025-09-23
            {O},CHILD_IN_NEED,2025-09-08,2025-09-12
            {O},CHILD_PROTECTION_PLAN,2025-09-11,2025-09-16
            {O},LOOKED_AFTER,2025-09-17,2025-09-19
            {O},PREVIOUSLY_LOOKED_AFTER,2025-09-24,

            """);
        return dir;
    }
}

using System.Text;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Identifiers;

namespace AttendanceGraph.Tests.Pupils;

/// <summary>
/// A tiny LA for pupil-level patterns, hand-checked, spanning two academic years: school Delta (and Epsilon, for a mover)
/// open on the rule calendar's school days from Mon 2 June 2025 (2024/25 summer 2, which ends Tue 15 July) to Fri 19
/// December 2025. School weeks, numbered: Jun 2 (1), 9, 16, 23, Jun 30 (5), Jul 7, Jul 14 (7), Sep 1 (8, Wed–Fri),
/// Sep 8 (9), 15, 22, 29, Oct 6, 13, Oct 20 (15), [27 Oct half term], Nov 3 (16), 10, Nov 17 (18), 24, Dec 1, 8, Dec 15 (22).
/// Autumn 1 2025 has 38 school days (76 sessions). Every pupil is present (/ or \) except as listed:
/// A all present. S absent (I) every Autumn 1 morning: exactly 50% (severe), FSM.
/// P 8 absences in Autumn 1 (PA, 10.53%): C Fri 12 Sep PM + Mon 15 Sep AM/PM (a spell across a weekend), M Wed 1 Oct AM/PM,
///   I Thu 23 Oct PM + Fri 24 Oct AM/PM, and I Mon 3 Nov AM (the spell runs across half term); SEN support ending 31 Oct.
/// R 5 single I on Tuesday mornings 9 Sep – 7 Oct (93.42%, at risk), child in need from 1 Sep 2025.
/// F I Tue 14 Oct AM/PM and Mon 20 Oct AM: 96.05% in Autumn 1 but 92.5% in its last 4 school weeks (falling).
/// U O Mon 30 Jun – Wed 2 Jul 2025 (6) and Mon 8 – Tue 9 Sep 2025 (4): 10 in the school weeks Jun 2 – Sep 8 (across the summer
///   and two academic years), only 4 in the 10 calendar weeks ending 14 Sep.
/// H O Mon 8 Sep AM – Wed 10 Sep AM (5) and Mon 17 Nov AM – Wed 19 Nov AM (5): 10 in the school weeks Sep 8 – Nov 17 (across
///   October half term), 5 in the calendar weeks Sep 15 – Nov 23.
/// N N Mon 15 Sep PM and N Thu 23 Oct AM (the latter open 2 school days on Mon 3 Nov, 3 on Tue 4 Nov).
/// L looked after from 1 Sep 2025, EHC plan from 1 Oct 2025; at Delta to Tue 30 Sep (I Wed 10 Sep AM/PM), at Epsilon from
///   Wed 1 Oct (O Wed 8 Oct AM): Autumn 1 76 possible, 3 absent, one pupil at two schools.
/// </summary>
public static class PupilPatternsAuthority
{
    public const int Delta = 200001, Epsilon = 200002;
    public static readonly string A = Upn.Create(319, 2101, 2019, 1), S = Upn.Create(319, 2101, 2019, 2), P = Upn.Create(319, 2101, 2019, 3),
        R = Upn.Create(319, 2101, 2019, 4), F = Upn.Create(319, 2101, 2019, 5), U = Upn.Create(319, 2101, 2019, 6),
        H = Upn.Create(319, 2101, 2019, 7), N = Upn.Create(319, 2101, 2019, 8), L = Upn.Create(319, 2101, 2019, 9);

    public static readonly DateOnly First = new(2025, 6, 2), Last = new(2025, 12, 19);

    public static IReadOnlyList<DateOnly> SchoolDays { get; } =
        SchoolCalendar.For(new AcademicYear(2024)).SchoolDays.Where(d => d >= First)
            .Concat(SchoolCalendar.For(new AcademicYear(2025)).SchoolDays.Where(d => d <= Last)).ToList();

    private static DateOnly D(int month, int day) => new(2025, month, day);

    public static string Write(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "edubasealldata20251201.csv"), string.Join("\r\n",
            "URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),OpenDate,CloseDate,StatutoryLowAge,StatutoryHighAge,Postcode",
            $"{Delta},319,Sutton,2101,Delta Primary School,Community school,Open,Primary,01-09-1970,,4,11,SM1 1AA",
            $"{Epsilon},319,Sutton,2102,Epsilon Primary School,Community school,Open,Primary,01-09-1970,,4,11,SM1 1AB") + "\r\n", Encoding.Latin1);

        var pupils = new StringBuilder("upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year\n");
        foreach (var upn in new[] { A, S, P, R, F, U, H, N }) pupils.Append($"{upn},{Delta},2020-09-01,,2015-03-01,F,6\n");
        pupils.Append($"{L},{Delta},2020-09-01,2025-09-30,2015-03-01,M,6\n{L},{Epsilon},2025-10-01,,2015-03-01,M,6\n");
        File.WriteAllText(Path.Combine(dir, "pupils.csv"), pupils.ToString());

        var absent = new Dictionary<(string, DateOnly, string), string>();
        void Absent(string upn, DateOnly d, string session, string code) => absent[(upn, d, session)] = code;
        void Day(string upn, DateOnly d, string code) { Absent(upn, d, "AM", code); Absent(upn, d, "PM", code); }
        var autumn1 = SchoolDays.Where(d => d >= D(9, 1) && d <= D(10, 24)).ToList();
        foreach (var d in autumn1) Absent(S, d, "AM", "I");
        Absent(P, D(9, 12), "PM", "C"); Day(P, D(9, 15), "C"); Day(P, D(10, 1), "M");
        Absent(P, D(10, 23), "PM", "I"); Day(P, D(10, 24), "I"); Absent(P, D(11, 3), "AM", "I");
        foreach (var d in new[] { D(9, 9), D(9, 16), D(9, 23), D(9, 30), D(10, 7) }) Absent(R, d, "AM", "I");
        Day(F, D(10, 14), "I"); Absent(F, D(10, 20), "AM", "I");
        Day(U, D(6, 30), "O"); Day(U, D(7, 1), "O"); Day(U, D(7, 2), "O"); Day(U, D(9, 8), "O"); Day(U, D(9, 9), "O");
        Day(H, D(9, 8), "O"); Day(H, D(9, 9), "O"); Absent(H, D(9, 10), "AM", "O");
        Day(H, D(11, 17), "O"); Day(H, D(11, 18), "O"); Absent(H, D(11, 19), "AM", "O");
        Absent(N, D(9, 15), "PM", "N"); Absent(N, D(10, 23), "AM", "N");
        Day(L, D(9, 10), "I"); Absent(L, D(10, 8), "AM", "O");

        var marks = new StringBuilder("upn,school_urn,date,session,code\n");
        foreach (var upn in new[] { A, S, P, R, F, U, H, N, L })
            foreach (var d in SchoolDays)
            {
                var urn = upn == L && d >= D(10, 1) ? Epsilon : Delta;
                foreach (var session in new[] { "AM", "PM" })
                {
                    var code = absent.GetValueOrDefault((upn, d, session)) ?? (session == "AM" ? "/" : "\\");
                    marks.Append($"{upn},{urn},{d:yyyy-MM-dd},{session},{code}\n");
                }
            }
        File.WriteAllText(Path.Combine(dir, "marks.csv"), marks.ToString());

        File.WriteAllText(Path.Combine(dir, "cohorts.csv"), $"""
            upn,cohort,start_date,end_date
            {S},FSM,2021-09-01,
            {P},SEN_SUPPORT,2024-09-01,2025-10-31
            {R},CHILD_IN_NEED,2025-09-01,
            {L},LOOKED_AFTER,2025-09-01,
            {L},EHC_PLAN,2025-10-01,

            """);
        return dir;
    }
}

using System.Text;
using AttendanceGraph.Schema.Identifiers;

namespace AttendanceGraph.Tests.Fixtures;

/// <summary>
/// A tiny LA whose every figure was worked out by hand (see the table in <see cref="Expected"/>): four schools
/// (one in another LA), eight pupils over the first two weeks of 2025/26 (Wed 3 – Fri 12 September: 16 sessions).
/// Pupils: P1 all present; P2 two I on the day SEN support becomes an EHC plan; P3 reception age (not compulsory);
/// P4 half unauthorised (severe); P5 exactly 10% (1 G in 10 possible, 6 Y2 not possible); P6 moves from Beta to
/// Gamma on 5 Sep and enters care on 8 Sep; P7 FSM with three unresolved N; P8 year 12 (not compulsory).
/// Characteristics (pupils file's optional columns): ethnicity P1, P3, P5, P8 WBRI, P2 APKN, P4 WROM, P7 BAFR, P6 none
/// (Unknown); EAL P2, P4, P7, P6 unknown; SEN need P2 SLCN, P4 SEMH, P7 ASD, others none; P5 lives in Merton (315),
/// P6 did while at Beta but lives in Sutton by his Gamma row (the latest), everyone else in Sutton.
/// </summary>
public static class HandCheckedAuthority
{
    public const int Alpha = 100001, Beta = 100002, Gamma = 100003, Merton = 100004;
    public static readonly string P1 = Upn.Create(319, 2001, 2018, 1), P2 = Upn.Create(319, 2001, 2018, 2), P3 = Upn.Create(319, 2001, 2024, 3),
        P4 = Upn.Create(319, 2002, 2018, 4), P5 = Upn.Create(319, 2002, 2018, 5), P6 = Upn.Create(319, 2002, 2015, 6),
        P7 = Upn.Create(319, 4001, 2014, 7), P8 = Upn.Create(319, 4001, 2013, 8);

    public static readonly DateOnly[] Days =
    [
        new(2025, 9, 3), new(2025, 9, 4), new(2025, 9, 5),
        new(2025, 9, 8), new(2025, 9, 9), new(2025, 9, 10), new(2025, 9, 11), new(2025, 9, 12),
    ];

    public static string Write(string dir)
    {
        Directory.CreateDirectory(dir);
        WriteGias(Path.Combine(dir, "edubasealldata20250901.csv"));
        File.WriteAllText(Path.Combine(dir, "pupils.csv"), """
            upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year,ethnicity,eal,sen_need,home_la_code
            """ + "\n" + string.Join("\n",
            $"{P1},{Alpha},2022-09-01,,2018-03-01,F,3,WBRI,N,,319",
            $"{P2},{Alpha},2022-09-01,,2018-05-01,M,3,APKN,Y,SLCN,319",
            $"{P3},{Alpha},2025-09-01,,2021-01-15,F,R,WBRI,N,,319",
            $"{P4},{Beta},2022-09-01,,2018-02-01,M,3,WROM,Y,SEMH,319",
            $"{P5},{Beta},2022-09-01,,2018-07-01,F,3,WBRI,N,,315",
            $"{P6},{Beta},2021-09-01,2025-09-04,2015-04-01,M,6,,U,,315",
            $"{P6},{Gamma},2025-09-05,,2015-04-01,M,6,,,,319",
            $"{P7},{Gamma},2023-09-01,,2013-01-10,F,8,BAFR,yes,ASD,319",
            $"{P8},{Gamma},2020-09-01,,2009-06-01,M,12,WBRI,no,,319") + "\n");
        var marks = new StringBuilder("upn,school_urn,date,session,code\n");
        void Mark(string upn, int urn, DateOnly d, string session, string code) => marks.Append($"{upn},{urn},{d:yyyy-MM-dd},{session},{code}\n");
        void Sessions(string upn, int urn, IEnumerable<DateOnly> days, Func<DateOnly, string, string> code)
        {
            foreach (var d in days)
            {
                Mark(upn, urn, d, "AM", code(d, "AM"));
                Mark(upn, urn, d, "PM", code(d, "PM"));
            }
        }
        string Present(string session) => session == "AM" ? "/" : "\\";
        Sessions(P1, Alpha, Days, (_, s) => Present(s));
        Sessions(P2, Alpha, Days, (d, s) => d == Days[2] ? "I" : Present(s));
        Sessions(P3, Alpha, Days, (d, s) => d < Days[4] ? "I" : Present(s));
        Sessions(P4, Beta, Days, (d, s) => s == "AM" ? "O" : Present(s));
        Sessions(P5, Beta, Days, (d, s) => d <= Days[2] ? "Y2" : d == Days[3] && s == "AM" ? "G" : Present(s));
        Sessions(P6, Beta, Days[..2], (d, s) => d == Days[0] && s == "AM" ? "M" : Present(s));
        Sessions(P6, Gamma, Days[2..], (d, s) => d == Days[2] && s == "AM" ? "L" : d == Days[5] && s == "AM" ? "U" : Present(s));
        Sessions(P7, Gamma, Days, (d, s) => d == Days[6] ? "N" : d == Days[7] && s == "AM" ? "N" : Present(s));
        Sessions(P8, Gamma, Days, (_, s) => Present(s));
        File.WriteAllText(Path.Combine(dir, "marks.csv"), marks.ToString());
        File.WriteAllText(Path.Combine(dir, "sen.csv"), $"""
            upn,cohort,start_date,end_date
            {P2},SEN_SUPPORT,2024-09-01,2025-09-05
            {P2},EHC_PLAN,2025-09-05,

            """);
        File.WriteAllText(Path.Combine(dir, "social_care.csv"), $"""
            upn,cohort,start_date,end_date
            {P6},LOOKED_AFTER,2025-09-08,

            """);
        File.WriteAllText(Path.Combine(dir, "fsm.csv"), $"""
            upn,cohort,start_date,end_date
            {P7},FSM,2023-09-01,

            """);
        return dir;
    }

    /// <summary>
    /// The same GIAS extract with the LA's optional weekend_sessions column: Y for <paramref name="weekendSchools"/>,
    /// N for the others.
    /// </summary>
    public static void WriteGiasDeclaringWeekendSessions(string path, params int[] weekendSchools)
    {
        WriteGias(path);
        var lines = File.ReadAllLines(path, Encoding.Latin1);
        for (var i = 0; i < lines.Length; i++)
            lines[i] += i == 0 ? ",weekend_sessions" : weekendSchools.Any(urn => lines[i].StartsWith($"{urn},", StringComparison.Ordinal)) ? ",Y" : ",N";
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", Encoding.Latin1);
    }

    private static void WriteGias(string path)
    {
        var rows = new[]
        {
            "URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),OpenDate,CloseDate,StatutoryLowAge,StatutoryHighAge,Postcode",
            $"{Alpha},319,Sutton,2001,Alpha Primary School,Community school,\"Open\",Primary,01-09-1970,,4,11,SM1 1AA",
            $"{Beta},319,Sutton,2002,\"Béta Primary School, The\",Academy converter,Open,Primary,01-09-2012,,4,11,SM1 1AB",
            $"{Gamma},319,Sutton,4001,Gamma High School,Academy converter,Open,Secondary,01-04-2011,,11,18,SM2 2AA",
            $"{Merton},315,Merton,2001,Other LA Primary,Community school,Open,Primary,01-09-1980,,4,11,SW19 1AA",
        };
        File.WriteAllText(path, string.Join("\r\n", rows) + "\r\n", Encoding.Latin1);
    }
}

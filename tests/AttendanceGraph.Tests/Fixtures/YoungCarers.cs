using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Fixtures;

/// <summary>
/// An LA cohort over the hand-checked LA: young carers, declared in a definitions file, with two memberships.
/// P4 (Beta, AM O and PM present every day) is a young carer from Mon 8 Sep; P7 (Gamma, present until her N on 11
/// and 12 Sep AM) from 1 Sep to Wed 10 Sep. 2025/26, compulsory age, by enrolment:
/// <code>
///           days in cohort          possible  attendance  unauthorised  overall  PA  SA
/// P4 Beta   8–12 Sep (5 days)          10         5            5           5     yes yes (50%)
/// P7 Gamma  3,4,5,8,9,10 Sep (6 days)  12        12            0           0     no  no
/// LA                                   22        17            5           5     1   1   → overall 5/22 = 22.7273%
/// Rest of Gamma's pupils beside the cohort (P8 is year 12, not compulsory):
/// P6 Gamma  5–12 Sep (6 days)          12        11 (L present) 1 (U)      1     no  no
/// P7 Gamma  11 Sep N N, 12 Sep N /      4         1            3           3     yes yes (75%)
/// rest                                 16        12            4           4     1   1
/// </code>
/// </summary>
public static class YoungCarers
{
    public const string Key = "YOUNG_CARERS";
    public const string Name = "Young carers";
    public const string Description = "Pupils the LA's young carers service supports.";

    /// <summary>Writes the definitions file and the memberships file into <paramref name="dir"/>; returns the folder.</summary>
    public static string Write(string dir)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "la_cohorts.csv"), $"cohort,name,description\n{Key.ToLowerInvariant()},{Name},{Description}\n");
        File.WriteAllText(Path.Combine(dir, "young_carers.csv"), $"""
            upn,cohort,start_date,end_date
            {P4},{Key},2025-09-08,
            {P7},{Key},2025-09-01,2025-09-10

            """);
        return dir;
    }
}

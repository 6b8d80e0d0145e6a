using AttendanceGraph.Schema.Identifiers;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Fixtures;

/// <summary>
/// The hand-checked LA (Sutton, 319) with DfE's resident-pupil download for the week Mon 8 – Fri 12 September 2025: two of its
/// resident pupils at Merton's schools (the LA's UKPRN 10000319, Merton's 10000315). R1, looked after since 2024 (added to the
/// social care extract), at Morden Brook Primary (URN 160001), which no GIAS file names: 10 possible, 8 present, 1 authorised,
/// 1 unauthorised. R2 at Merton's school in the GIAS extract (<see cref="HandCheckedAuthority.Merton"/>): 10 possible, all
/// present. Both year 4, compulsory age.
///
/// Hand-checked figures over the first half term (the LA's own: 7 enrolments, 90 possible, 16 absent; P5 lives in Merton:
/// Beta, 10 possible, 1 absent; every other pupil of the LA's schools lives in Sutton):
/// <list type="table">
/// <item>at the LA's schools: 7 enrolments, 90 possible, 16 absent (unchanged)</item>
/// <item>resident: 7 − P5 + R1 + R2 = 8 enrolments, 90 − 10 + 20 = 100 possible, 16 − 1 + 2 = 17 absent</item>
/// <item>resident elsewhere: R1 + R2 = 2 enrolments, 20 possible, 2 absent</item>
/// <item>living elsewhere (at the LA's schools): P5 = 1 enrolment, 10 possible, 1 absent</item>
/// <item>at the LA's schools or resident: 7 + 2 = 9 enrolments, 110 possible, 18 absent</item>
/// <item>Virtual School (looked after): P6 from 8 Sep at Gamma (10 possible, 1 U) + R1 (10, 2) = 2 pupils, 20 possible, 3 absent</item>
/// </list>
/// </summary>
public static class ResidentsElsewhere
{
    public const int MordenBrook = 160001;
    public const string SuttonUkprn = "10000319", MertonUkprn = "10000315";
    public static readonly string R1 = Upn.Create(315, 2101, 2019, 1), R2 = Upn.Create(315, 2001, 2019, 2);

    public const string Header =
        "UPN,DOB,sex,looked_after_child,unique_reference_number,year_group,school_local_authority_ukprn,school_local_authority_name," +
        "home_local_authority_ukprn,home_local_authority_name,school_name,phase,admission_date,possible_sessions,present_sessions," +
        "approved_educational_activity_sessions,authorised_absent_sessions,unauthorised_absent_sessions,period_start,period_end";

    public static string Row(string upn, int urn, string schoolName, string counts, string home = SuttonUkprn, string school = MertonUkprn, string phase = "primary") =>
        $"{upn},2016-01-10,female,yes,{urn},4,{school},Merton,{home},Sutton,{schoolName},{phase},2022-09-01,{counts},2025-09-08,2025-09-12";

    /// <summary>The hand-checked files plus the resident-pupil download (dfe-resident-pupils.csv) and R1's care membership.</summary>
    public static string Write(EtlWarehouse w)
    {
        var dir = w.NewFolder("with-residents");
        foreach (var f in Directory.GetFiles(w.HandChecked)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(dir, "dfe-resident-pupils.csv"), string.Join("\n",
            Header,
            Row(R1, MordenBrook, "Morden Brook Primary School", "10,8,0,1,1"),
            Row(R2, Merton, "Merton School", "10,10,0,0,0")) + "\n");
        File.AppendAllText(Path.Combine(dir, "social_care.csv"), $"{R1},LOOKED_AFTER,2024-09-01,\n");
        return dir;
    }
}

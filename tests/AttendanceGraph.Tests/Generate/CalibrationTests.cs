using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Etl.Model;
using Xunit.Abstractions;

namespace AttendanceGraph.Tests.Generate;

/// <summary>
/// The demo LA reproduces DfE figures (shared/domain/README.md CALIBRATION TARGETS) within ±10% relative, measured
/// from the generated files. Two honest adjustments, each explained where used: national cohort and code-mix
/// figures are compared as ratios/shares, because a Sutton-shaped LA (15 large secondaries) has a higher overall
/// rate than England's pupil mix; and the tiny LAC/CPP cohorts get a sampling tolerance.
/// </summary>
public sealed class CalibrationTests(GeneratedAuthorityFixture fixture, ITestOutputHelper output) : IClassFixture<GeneratedAuthorityFixture>
{
    private MeasuredFigures F => fixture.Figures;

    private static void Near(double target, double actual, string what, double tolerance = 0.10) =>
        Assert.True(Math.Abs(actual - target) <= tolerance * target,
            $"{what}: {actual:F2} is not within ±{tolerance:P0} of {target:F2}");

    [Fact]
    public void Overall_absence_by_phase_matches_2024_25()
    {
        output.WriteLine(F.Report());
        Near(5.3, F.ByGroup[MeasuredFigures.Primary].Overall, "primary absence");
        Near(8.6, F.ByGroup[MeasuredFigures.Secondary].Overall, "secondary absence");
        Near(12.9, F.ByGroup[MeasuredFigures.Special].Overall, "special absence");
    }

    [Fact]
    public void Authorised_unauthorised_split_matches_4_5_to_2_3()
    {
        // The split is the share of absence that is authorised: 4.5 of 6.8 nationally.
        var all = F.ByGroup[MeasuredFigures.All];
        Near(4.5 / 6.8, all.AuthorisedRate / all.Overall, "authorised share of absence");
        Near(2.3 / 6.8, all.UnauthorisedRate / all.Overall, "unauthorised share of absence");
    }

    [Fact]
    public void Persistent_absence_by_phase_matches_2024_25()
    {
        Near(13.5, F.ByGroup[MeasuredFigures.Primary].PaRate, "primary PA");
        Near(24.3, F.ByGroup[MeasuredFigures.Secondary].PaRate, "secondary PA");
        Near(35.8, F.ByGroup[MeasuredFigures.Special].PaRate, "special PA");
    }

    [Fact]
    public void Severe_absence_by_phase_matches_2023_24()
    {
        Near(3.4, F.ByGroup[MeasuredFigures.Secondary].SaRate, "secondary SA");
        // Primary SA (~0.8%) is ~50 of 6,000 enrolments and special SA (~6.2%) ~30 of 500: a Poisson count's
        // relative standard error is 14–18%, so ±10% would test the seed, not the generator; allow two SEs.
        Near(0.8, F.ByGroup[MeasuredFigures.Primary].SaRate, "primary SA", 0.30);
        Near(6.2, F.ByGroup[MeasuredFigures.Special].SaRate, "special SA", 0.35);
    }

    [Fact]
    public void Code_mix_matches_national_shares()
    {
        // Absence codes as shares of all absence (national overall 6.8 = 4.5 + 2.3), so the LA's higher
        // overall rate does not masquerade as a wrong mix; present and AEA codes as shares of possible sessions.
        var overall = F.ByGroup[MeasuredFigures.All].Overall;
        foreach (var (code, target) in new[] { ("I", 3.2), ("O", 1.6), ("G", 0.46), ("C", 0.41), ("M", 0.32), ("C2", 0.24), ("U", 0.22), ("E", 0.16), ("R", 0.10), ("N", 0.06) })
            Near(target / 6.8, F.CodeShare.GetValueOrDefault(code) / overall, $"{code} share of absence", code is "N" or "R" ? 0.2 : 0.1);
        Near(1.9, F.CodeShare["L"], "L");
        Near(1.3, F.AeaShare, "AEA");
        Near(0.78, F.CodeShare["V"], "V");
    }

    [Fact]
    public void Cohort_prevalence_matches_national()
    {
        Near(25, F.Prevalence[MembershipCohort.Fsm], "FSM");
        Near(14, F.Prevalence[MembershipCohort.SenSupport], "SEN support");
        Near(5, F.Prevalence[MembershipCohort.EhcPlan], "EHC plan");
        Near(3, F.Prevalence[MembershipCohort.ChildInNeed], "CIN");
        // ~50 CPP and ~90 LAC pupils: quota sampling keeps counts tight, but mid-year starts still move them.
        Near(0.4, F.Prevalence[MembershipCohort.ChildProtectionPlan], "CPP", 0.25);
        Near(0.7, F.Prevalence[MembershipCohort.LookedAfter], "LAC", 0.2);
    }

    [Fact]
    public void Fsm_gap_matches_national_ratio()
    {
        var fsm = F.ByGroup[MembershipCohort.Fsm];
        var not = F.ByGroup[MeasuredFigures.NotFsm];
        Near(10.0 / 5.2, fsm.Overall / not.Overall, "FSM/not FSM absence ratio");
        Near(31.7 / 14.4, fsm.PaRate / not.PaRate, "FSM/not FSM PA ratio");
    }

    [Fact]
    public void Sen_gaps_match_national_ratios()
    {
        var none = F.ByGroup[MeasuredFigures.NoSen];
        Near(13.1 / 5.8, F.ByGroup[MembershipCohort.EhcPlan].Overall / none.Overall, "EHC/no SEN absence ratio");
        Near(10.1 / 5.8, F.ByGroup[MembershipCohort.SenSupport].Overall / none.Overall, "SEN support/no SEN absence ratio");
        Near(35.0 / 17, F.ByGroup[MembershipCohort.EhcPlan].PaRate / none.PaRate, "EHC/no SEN PA ratio");
        Near(29.0 / 17, F.ByGroup[MembershipCohort.SenSupport].PaRate / none.PaRate, "SEN support/no SEN PA ratio");
    }

    [Fact]
    public void Children_in_need_are_far_more_absent_than_all_pupils()
    {
        // ~700 CIN enrolments: ±10% holds for absence and PA; SA (~70 enrolments) gets two standard errors.
        var all = F.ByGroup[MeasuredFigures.All];
        var cin = F.ByGroup[MeasuredFigures.CinOnly];
        Near(17.6 / 6.9, cin.Overall / all.Overall, "CIN/all absence ratio");
        Near(48.8 / 18.7, cin.PaRate / all.PaRate, "CIN/all PA ratio");
        Near(10.4 / 2.3, cin.SaRate / all.SaRate, "CIN/all SA ratio", 0.25);
    }

    [Fact]
    public void Looked_after_children_attend_better_than_children_in_need()
    {
        // ~170 LAC enrolments: a PA of 19% has a standard error of 3 points (16% relative); allow two SEs.
        var lac = F.ByGroup[MembershipCohort.LookedAfter];
        Near(19, lac.PaRate, "LAC PA", 0.35);
        Assert.True(lac.PaRate < F.ByGroup[MeasuredFigures.CinOnly].PaRate, "LAC PA must be lower than CIN PA");
    }
}

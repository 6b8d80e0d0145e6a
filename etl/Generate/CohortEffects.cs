using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// How much more a pupil in each cohort is absent than a comparable pupil outside it, and how common each cohort is.
/// Cohorts are assigned independently, so each multiplier is close to the cohort's published gap (set a little
/// below it, because severe absence grows faster than the multiplier, see PhaseAbsenceProfile.SeverePower): FSM 10.0 vs 5.2
/// (×1.92); EHC plan 13.1 and SEN support 10.1 vs no SEN 5.8 (×2.26, ×1.74); children in need 17.6 vs 6.9 all
/// pupils; looked-after children attend better than other children in need (Virtual School support).
/// </summary>
public static class CohortEffects
{
    public const double Fsm = 1.85;
    public const double SenSupport = 1.6;
    public const double EhcPlan = 2.1;
    public const double ChildInNeed = 2.5;
    public const double ChildProtectionPlan = 2.6;
    public const double LookedAfter = 1.05;
    public const double PreviouslyLookedAfter = 1.3;

    // Prevalence among pupils (DfE/ONS): FSM ~25%, SEN support ~14%, EHC ~5% (about 45% of them in special
    // schools, where every pupil has a plan), CIN ~3%, CPP ~0.4%, LAC ~0.7%, previously looked after ~0.5%.
    public const double FsmRate = 0.24;
    public const double MainstreamSenSupportRate = 0.143;
    public const double MainstreamEhcRate = 0.029;
    public const double ChildInNeedRate = 0.027;
    public const double ChildProtectionRate = 0.004;
    public const double LookedAfterRate = 0.007;
    public const double PreviouslyLookedAfterRate = 0.005;

    public static double For(string cohort) => cohort switch
    {
        Cohort.Fsm => Fsm,
        Cohort.SenSupport => SenSupport,
        Cohort.EhcPlan => EhcPlan,
        Cohort.ChildInNeed => ChildInNeed,
        Cohort.ChildProtectionPlan => ChildProtectionPlan,
        Cohort.LookedAfter => LookedAfter,
        Cohort.PreviouslyLookedAfter => PreviouslyLookedAfter,
        _ => 1,
    };

    /// <summary>Product of the multipliers of the cohorts the pupil is in on <paramref name="date"/>.</summary>
    public static double MultiplierOn(DemoPupil pupil, DateOnly date)
    {
        var m = 1.0;
        foreach (var ms in pupil.Memberships)
            if (ms.StartDate <= date && (ms.EndDate is null || ms.EndDate >= date)) m *= For(ms.Cohort);
        return m;
    }

    /// <summary>
    /// Mean of multiplier^power over a phase's pupils, so the phase's typical rate can be divided by it and the
    /// phase average still lands on its target whatever the cohort mix.
    /// </summary>
    public static double ExpectedMultiplier(SchoolPhase phase, double power = 1)
    {
        double[] fsm = [Fsm, 1], fsmP = [FsmRate, 1 - FsmRate];
        double[] sen = phase == SchoolPhase.Special ? [EhcPlan] : [EhcPlan, SenSupport, 1];
        double[] senP = phase == SchoolPhase.Special ? [1] : [MainstreamEhcRate, MainstreamSenSupportRate, 1 - MainstreamEhcRate - MainstreamSenSupportRate];
        double[] social = [ChildInNeed, ChildProtectionPlan, LookedAfter, PreviouslyLookedAfter, 1];
        var socialRest = 1 - ChildInNeedRate - ChildProtectionRate - LookedAfterRate - PreviouslyLookedAfterRate;
        double[] socialP = [ChildInNeedRate, ChildProtectionRate, LookedAfterRate, PreviouslyLookedAfterRate, socialRest];
        var sum = 0.0;
        for (var a = 0; a < fsm.Length; a++)
            for (var b = 0; b < sen.Length; b++)
                for (var c = 0; c < social.Length; c++)
                    sum += fsmP[a] * senP[b] * socialP[c] * Math.Pow(fsm[a] * sen[b] * social[c], power);
        return sum;
    }
}

using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// How each cohort changes a pupil's absence, and how common each cohort is. A cohort acts in three ways, because
/// the published gaps differ between the mean and the tails: <see cref="Effect.Level"/> scales the pupil's rate (more
/// appointments, more illness), <see cref="Effect.Chronic"/> multiplies the chance of belonging to the chronic
/// (persistently absent) component of <see cref="PhaseAbsenceProfile"/>, and <see cref="Effect.Severe"/> multiplies
/// the chance of being a severe absentee. Published gaps (DfE 2024/25): FSM 10.0% / PA 31.7% vs 5.2% / 14.4% — the
/// PA gap (×2.20) is wider than the absence gap (×1.92), so FSM acts mostly through chronic membership; EHC plan
/// 13.1% / 35% vs no SEN 5.8% / 17% — the PA gap (×2.06) is narrower than the absence gap (×2.26), so EHC acts
/// mostly through the level (appointments, health) and severe absence; SEN support 10.1% / 29% (×1.74, ×1.71);
/// children in need 17.6% / 48.8% / SA 10.4% vs all pupils 6.9% / 18.7% / 2.3%; looked-after children attend
/// better than other children in need (Virtual School support; PA ~19% in 2021/22).
/// Cohorts are assigned independently, so multipliers compound for pupils in several cohorts; each phase normalises
/// them (see <see cref="Mix"/>) so the phase totals stay on target whatever the cohort mix.
/// </summary>
public static class CohortEffects
{
    public readonly record struct Effect(double Level, double Chronic, double Severe)
    {
        public static readonly Effect None = new(1, 1, 1);
        public static Effect operator *(Effect a, Effect b) => new(a.Level * b.Level, a.Chronic * b.Chronic, a.Severe * b.Severe);
    }

    public static readonly Effect Fsm = new(1.3, 2.6, 2.5);
    public static readonly Effect SenSupport = new(1.45, 1.2, 2.0);
    public static readonly Effect EhcPlan = new(2.1, 1.0, 3.5);
    public static readonly Effect ChildInNeed = new(1.3, 3.2, 4.0);
    public static readonly Effect ChildProtectionPlan = new(1.5, 3.8, 4.5);
    public static readonly Effect LookedAfter = new(1.0, 1.0, 1.0);
    public static readonly Effect PreviouslyLookedAfter = new(1.1, 1.5, 1.3);

    // Prevalence among pupils (DfE/ONS): FSM ~25%, SEN support ~14%, EHC ~5% (about 45% of them in special
    // schools, where every pupil has a plan), CIN ~3%, CPP ~0.4%, LAC ~0.7%, previously looked after ~0.5%.
    public const double FsmRate = 0.24;
    public const double MainstreamSenSupportRate = 0.143;
    public const double MainstreamEhcRate = 0.029;
    public const double ChildInNeedRate = 0.027;
    public const double ChildProtectionRate = 0.004;
    public const double LookedAfterRate = 0.007;
    public const double PreviouslyLookedAfterRate = 0.005;

    public static Effect For(string cohort) => cohort switch
    {
        Cohort.Fsm => Fsm,
        Cohort.SenSupport => SenSupport,
        Cohort.EhcPlan => EhcPlan,
        Cohort.ChildInNeed => ChildInNeed,
        Cohort.ChildProtectionPlan => ChildProtectionPlan,
        Cohort.LookedAfter => LookedAfter,
        Cohort.PreviouslyLookedAfter => PreviouslyLookedAfter,
        _ => Effect.None,
    };

    /// <summary>Combined effect of the cohorts the pupil is in on <paramref name="date"/>.</summary>
    public static Effect On(DemoPupil pupil, DateOnly date)
    {
        var m = Effect.None;
        foreach (var ms in pupil.Memberships)
            if (ms.StartDate <= date && (ms.EndDate is null || ms.EndDate >= date)) m *= For(ms.Cohort);
        return m;
    }

    /// <summary>
    /// Every combination of cohorts a pupil of the phase can be in, with its probability (cohorts are assigned
    /// independently; the social-care cohorts exclude each other; every special-school pupil has an EHC plan).
    /// </summary>
    public static IEnumerable<(double P, Effect Effect)> Mix(SchoolPhase phase)
    {
        (double, Effect)[] fsm = [(FsmRate, Fsm), (1 - FsmRate, Effect.None)];
        (double, Effect)[] sen = phase == SchoolPhase.Special ? [(1, EhcPlan)]
            : [(MainstreamEhcRate, EhcPlan), (MainstreamSenSupportRate, SenSupport), (1 - MainstreamEhcRate - MainstreamSenSupportRate, Effect.None)];
        var socialRest = 1 - ChildInNeedRate - ChildProtectionRate - LookedAfterRate - PreviouslyLookedAfterRate;
        (double, Effect)[] social = [(ChildInNeedRate, ChildInNeed), (ChildProtectionRate, ChildProtectionPlan),
            (LookedAfterRate, LookedAfter), (PreviouslyLookedAfterRate, PreviouslyLookedAfter), (socialRest, Effect.None)];
        foreach (var (pa, a) in fsm)
            foreach (var (pb, b) in sen)
                foreach (var (pc, c) in social)
                    yield return (pa * pb * pc, a * b * c);
    }
}

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// The shape of pupils' absence in one phase, as a mixture. A single log-normal cannot give DfE's persistent
/// absence (PA, ≥10%) without either too many severe absentees or too high a mean: real distributions have a large
/// low-absence majority, a "chronic" group absent 10–30% of the time (the mass just above the PA line) and a small
/// severe group (≥50%). So a pupil is
/// <list type="bullet">
/// <item>a severe absentee with chance <see cref="SevereShare"/> (scaled by cohort), absent 52–95% of sessions;</item>
/// <item>else chronic with chance <see cref="ChronicShare"/> (scaled by cohort), rate log-normal around <see cref="ChronicMedian"/>;</item>
/// <item>else in the low component, log-normal with mean <see cref="LowMean"/>, solved so the phase lands on its published rate;</item>
/// </list>
/// and the cohort level multiplier and school effect then scale the non-severe rate. Targets: overall absence
/// 2024/25 primary 5.3, secondary 8.6, special 12.9; PA 13.5, 24.3, 35.8; SA 2023/24 ~0.8, ~3.4, ~6.2.
/// </summary>
public sealed class PhaseAbsenceProfile
{
    /// <summary>Severe absentees' rates are drawn from [min, max): at or above the 50% line after session noise.</summary>
    public const double SevereMin = 0.52, SevereMax = 0.95;

    /// <summary>Fixed absence outside the propensity model (religious festivals), so it is not double counted.</summary>
    public const double FestivalRate = 0.0009;

    /// <summary>Highest rate a non-severe pupil's hazards are built for.</summary>
    public const double MaxRate = 0.85;

    private static readonly PhaseAbsenceProfile PrimaryProfile = new(SchoolPhase.Primary, 0.053, 0.09, 0.145, 0.30, 0.65, 0.0085);
    private static readonly PhaseAbsenceProfile SecondaryProfile = new(SchoolPhase.Secondary, 0.086, 0.20, 0.165, 0.35, 0.70, 0.033);
    private static readonly PhaseAbsenceProfile SpecialProfile = new(SchoolPhase.Special, 0.129, 0.19, 0.16, 0.35, 0.5, 0.06);

    private readonly double chronicNorm, severeNorm, levelNorm;

    private PhaseAbsenceProfile(SchoolPhase phase, double overallRate, double chronicShare, double chronicMedian, double chronicSigma,
        double lowSigma, double severeShare)
    {
        OverallRate = overallRate;
        ChronicShare = chronicShare;
        ChronicMedian = chronicMedian;
        ChronicSigma = chronicSigma;
        LowSigma = lowSigma;
        SevereShare = severeShare;

        var mix = CohortEffects.Mix(phase).ToList();
        chronicNorm = mix.Sum(m => m.P * m.Effect.Chronic);
        severeNorm = mix.Sum(m => m.P * m.Effect.Severe);
        // Levels are relative to the phase's mix: every special-school pupil has an EHC plan, and the special rate already says so.
        levelNorm = mix.Sum(m => m.P * m.Effect.Level);
        // Mean rate = festivals + severe + Σ P·(1−severe)·level·((1−chronic)·LowMean + chronic·chronicMean): solve for LowMean.
        var chronicMean = chronicMedian * Math.Exp(chronicSigma * chronicSigma / 2);
        double severe = 0, fixedPart = 0, lowWeight = 0;
        foreach (var (p, e) in mix)
        {
            var s = SevereChance(e.Severe);
            var c = ChronicChance(e.Chronic);
            severe += p * s * (SevereMin + SevereMax) / 2;
            fixedPart += p * (1 - s) * e.Level / levelNorm * c * chronicMean;
            lowWeight += p * (1 - s) * e.Level / levelNorm * (1 - c);
        }
        LowMean = (overallRate - FestivalRate - severe - fixedPart) / lowWeight;
        if (LowMean <= 0) throw new InvalidOperationException($"{phase}: chronic and severe components exceed the phase rate");
    }

    public double OverallRate { get; }
    public double ChronicShare { get; }
    public double ChronicMedian { get; }
    public double ChronicSigma { get; }
    public double LowSigma { get; }
    public double SevereShare { get; }
    public double LowMean { get; }

    public static PhaseAbsenceProfile For(SchoolPhase phase) => phase switch
    {
        SchoolPhase.Primary => PrimaryProfile,
        SchoolPhase.Secondary => SecondaryProfile,
        _ => SpecialProfile,
    };

    /// <summary>Chance a pupil with cohort chronic multiplier <paramref name="k"/> is chronic (mean over the phase = ChronicShare).</summary>
    public double ChronicChance(double k) => Math.Min(0.9, ChronicShare * k / chronicNorm);

    /// <summary>Chance a pupil with cohort severe multiplier <paramref name="k"/> is a severe absentee (mean over the phase = SevereShare).</summary>
    public double SevereChance(double k) => Math.Min(0.9, SevereShare * k / severeNorm);

    /// <summary>
    /// A non-severe pupil's absence rate in this phase: their fixed draws (<paramref name="chronicDraw"/> uniform, <paramref name="z"/>
    /// standard normal) placed in the component the cohort effect gives them, times the cohort level and school effect.
    /// The draws stay with the pupil, so a pupil keeps their rank when they change school, phase or cohort.
    /// </summary>
    public double Rate(double chronicDraw, double z, CohortEffects.Effect effect, double schoolEffect)
    {
        var personal = chronicDraw < ChronicChance(effect.Chronic)
            ? ChronicMedian * Math.Exp(ChronicSigma * z)
            : LowMean * Math.Exp(LowSigma * z - LowSigma * LowSigma / 2);
        return Math.Min(MaxRate, personal * effect.Level / levelNorm * schoolEffect);
    }
}

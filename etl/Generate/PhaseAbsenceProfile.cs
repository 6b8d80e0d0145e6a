namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// The shape of pupils' absence in one phase: the published overall rate, how spread out pupils are (log-normal
/// sigma, which sets persistent absence), and the share who are severe absentees (which sets severe absence).
/// Sigma and severe share were tuned against DfE 2024/25 PA and 2023/24 SA by phase (see CalibrationTests).
/// </summary>
/// <param name="Adjustment">Empirical correction of the base rate for episode dynamics (severe hazards saturate,
/// cohorts overlap); measured with CalibrationTests.</param>
public sealed record PhaseAbsenceProfile(double OverallRate, double Sigma, double SevereShare, double Adjustment = 1)
{
    /// <summary>Severe absentees' rates are drawn from [min, max): at or above the 50% line after session noise.</summary>
    public const double SevereMin = 0.52, SevereMax = 0.95;

    /// <summary>Severe share grows faster than the cohort multiplier: CIN pupils are 4–5× as likely to be severely absent.</summary>
    public const double SeverePower = 1.6;

    /// <summary>Fixed absence outside the propensity model (religious festivals), so it is not double counted.</summary>
    public const double FestivalRate = 0.0009;

    public static PhaseAbsenceProfile For(SchoolPhase phase) => phase switch
    {
        SchoolPhase.Primary => new(0.053, 1.0, 0.005),
        SchoolPhase.Secondary => new(0.086, 1.2, 0.021, 0.92),
        _ => new(0.129, 0.85, 0.036),
    };

    /// <summary>
    /// Typical (multiplier 1, propensity 1) rate: what is left of the phase rate after severe absentees and
    /// festivals, spread over the expected cohort multiplier.
    /// </summary>
    public double BaseRate(SchoolPhase phase)
    {
        var severeMean = (SevereMin + SevereMax) / 2;
        var rest = OverallRate - FestivalRate - SevereShare * severeMean;
        return Adjustment * rest / ((1 - SevereShare) * CohortEffects.ExpectedMultiplier(phase));
    }

    /// <summary>Chance a pupil with cohort multiplier m is a severe absentee (mean over the phase = SevereShare).</summary>
    public double SevereChance(SchoolPhase phase, double m) =>
        Math.Min(0.9, SevereShare * Math.Pow(m, SeverePower) / CohortEffects.ExpectedMultiplier(phase, SeverePower));
}

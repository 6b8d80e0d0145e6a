namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// One kind of absence episode: its code, its share of a pupil's propensity-driven absence, when in the year it
/// happens, whether it starts at morning or afternoon registration, and how many school days it lasts.
/// </summary>
/// <param name="Share">Share of possible sessions nationally (DfE 2024/25), in percent; normalised by the simulator.</param>
/// <param name="SingleSession">Lasts one session (a dental appointment, a late arrival after registers closed).</param>
/// <param name="DayLengths">Possible lengths in school days, with <paramref name="DayWeights"/>.</param>
/// <param name="AfternoonsOnly">A part-time timetable: the episode covers only afternoons, for weeks.</param>
public sealed record AbsenceReason(
    string Code,
    double Share,
    FactorKind Kind,
    double MorningStartShare,
    bool SingleSession,
    int[] DayLengths,
    double[] DayWeights,
    bool AfternoonsOnly = false)
{
    public int DrawDays(DemoRandom rng)
    {
        var u = rng.NextDouble();
        for (var i = 0; i < DayLengths.Length - 1; i++)
        {
            u -= DayWeights[i];
            if (u < 0) return DayLengths[i];
        }
        return DayLengths[^1];
    }

    /// <summary>Sessions covered when starting at AM/PM with <paramref name="days"/> days, before truncation.</summary>
    public int Sessions(int days, bool morning) => SingleSession ? 1 : AfternoonsOnly ? days : 2 * days - (morning ? 0 : 1);
}

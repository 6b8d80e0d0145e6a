using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Schema.Disclosure;

/// <summary>
/// A cell as published to someone not entitled to exact figures: its values, the fields withheld outright (count and
/// every rate of it), and the session counts withheld whose rates are still published.
/// </summary>
public sealed record ProtectedCell(MeasureValues Values, MeasureField Withheld, MeasureField RatesOnly);

/// <summary>
/// A cell's figures as published to someone not entitled to exact ones, from the cell alone (its true values and its
/// <see cref="CellKeys"/>), so the same cell publishes the same figures whichever query asks:
/// <list type="bullet">
/// <item>Enrolments, PA and SA enrolments: <see cref="PerturbationTable"/> with each count's own cell key (PA and SA
/// capped at the published enrolments and PA); the PA and SA rates come from these published counts.</item>
/// <item>Session counts (possible, attendance, absence, late) are never published. Published beside perturbed
/// enrolments, any exact or deterministically derived session total lets integer identities (possible = attendance +
/// absence, absence = authorised + unauthorised) or a known per-pupil total pin the true enrolment count, and then
/// subtraction between overlapping cells recovers small counts: scaling every session total by published ÷ true
/// enrolments was broken exactly that way.</item>
/// <item>Session rates are published from the true sessions, rounded so coarsely that one step of a rate is at least
/// <see cref="SessionsPerRateStep"/> sessions (<see cref="RateDecimals"/>), and only the overall and authorised absence
/// and late rates are rounded: attendance is 100 − overall and unauthorised is overall − authorised, as published: to one decimal place from 2,000 possible
/// sessions, to a whole percent from 200, withheld below 200 or below <see cref="SessionThreshold"/> published
/// enrolments. A finer rate over few sessions reads back as the session counts themselves: one decimal place over a
/// one-day cell of 18 enrolments (36 sessions) pinned 1 absent session, so PA = SA = 1, and subtracting a cohort's and
/// its rest's day cells from everyone's did the same for looked-after children (the second cold attack).</item>
/// <item>The per-code breakdown is withheld: a rare code (an exclusion, a custodial absence) in a small cell is itself a
/// disclosure about a child.</item>
/// </list>
/// </summary>
public static class CellKeyPerturbation
{
    /// <summary>Published enrolments needed before session rates are published.</summary>
    public const long SessionThreshold = 10;

    /// <summary>The fewest sessions one published step of a session rate stands for.</summary>
    public const long SessionsPerRateStep = 2;

    /// <summary>
    /// Decimal places a protected cell's session rates are published to, given its true possible sessions; null withholds them.
    /// One step (10^-d %) of a rate is then at least <see cref="SessionsPerRateStep"/> sessions.
    /// </summary>
    public static int? RateDecimals(long possibleSessions) => possibleSessions switch
    {
        >= 2000 => 1,
        >= 200 => 0,
        _ => null,
    };

    /// <summary>
    /// Session figures of a protected cell are carried as parts per basis (100 × 10^decimals) of its possible sessions, so
    /// every session rate computed from them is the true rate rounded to <see cref="RateDecimals"/> and the true session
    /// counts never leave this method (a caller that reads a withheld count anyway gets the basis, never a session total).
    /// </summary>
    public static long RateBasis(int decimals) => 100 * (long)Math.Pow(10, decimals);

    public static MeasureField SessionFields { get; } =
        MeasureField.PossibleSessions | MeasureField.AttendanceSessions | MeasureField.AuthorisedAbsenceSessions
        | MeasureField.UnauthorisedAbsenceSessions | MeasureField.OverallAbsenceSessions | MeasureField.LateSessions;

    public static ProtectedCell Publish(MeasureValues v, CellKeys keys)
    {
        var enrolments = PerturbationTable.Publish(v.Enrolments, keys.Enrolments);
        var pa = enrolments == 0 ? 0 : Math.Min(enrolments, PerturbationTable.Publish(v.PersistentAbsenceEnrolments, keys.PersistentAbsence));
        var sa = Math.Min(pa, PerturbationTable.Publish(v.SevereAbsenceEnrolments, keys.SevereAbsence));
        if (enrolments < SessionThreshold || RateDecimals(v.PossibleSessions) is not { } decimals)
            return new(new MeasureValues(enrolments, 0, 0, 0, 0, 0, 0, pa, sa), SessionFields | MeasureField.CodeSessions, MeasureField.None);
        var rateBasis = RateBasis(decimals);
        long Share(long sessions) => (long)Math.Round((decimal)sessions * rateBasis / v.PossibleSessions, MidpointRounding.AwayFromZero);
        // Only the overall and authorised absence (and late) rates are rounded from the sessions; attendance and unauthorised
        // absence are derived from them at the published precision. Rounded separately, the identities between them
        // (attendance + overall = possible) intersect their rounding intervals and pin counts the step alone would not.
        var overall = Share(v.OverallAbsenceSessions);
        var authorised = Share(v.AuthorisedAbsenceSessions);
        var basis = new MeasureValues(enrolments, rateBasis, rateBasis - overall, authorised, overall - authorised, overall, Share(v.LateSessions), pa, sa);
        return new(basis, MeasureField.CodeSessions, SessionFields);
    }
}

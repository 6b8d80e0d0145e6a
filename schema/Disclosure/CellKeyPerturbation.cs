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
/// <item>Session rates: the true overall absence, authorised absence and late rates, each plus its own
/// <see cref="SessionRateNoise"/> (up to half a pupil's share of the cell's sessions either way), clamped to 0–100 and
/// rounded to one decimal place, as DfE publishes; attendance is 100 − overall and unauthorised is overall − authorised,
/// as published. Withheld below <see cref="SessionThreshold"/> published enrolments. Whether and how precisely a rate is
/// published depends on the published enrolments alone: a precision chosen from the true possible sessions published
/// bounds on them, and with the ptable's bounds on enrolments pinned both, so that everyone − the rest of a cohort
/// recovered a cohort of one (the third cold attack). Rounding alone, without noise, read back session counts from the
/// digits of small cells (the second).</item>
/// <item>The per-code breakdown is withheld: a rare code (an exclusion, a custodial absence) in a small cell is itself a
/// disclosure about a child.</item>
/// </list>
/// </summary>
public static class CellKeyPerturbation
{
    /// <summary>Published enrolments needed before session rates are published.</summary>
    public const long SessionThreshold = 10;

    /// <summary>Decimal places every published session rate has.</summary>
    public const int RateDecimals = 1;

    /// <summary>
    /// Session figures of a protected cell are carried as parts per basis (1,000: tenths of a percent) of its possible
    /// sessions, so every session rate computed from them is the published rate and the true session counts never leave
    /// this method (a caller that reads a withheld count anyway gets the basis, never a session total).
    /// </summary>
    public const long RateBasis = 1000;

    public static MeasureField SessionFields { get; } =
        MeasureField.PossibleSessions | MeasureField.AttendanceSessions | MeasureField.AuthorisedAbsenceSessions
        | MeasureField.UnauthorisedAbsenceSessions | MeasureField.OverallAbsenceSessions | MeasureField.LateSessions;

    public static ProtectedCell Publish(MeasureValues v, CellKeys keys)
    {
        var enrolments = PerturbationTable.Publish(v.Enrolments, keys.Enrolments);
        var pa = enrolments == 0 ? 0 : Math.Min(enrolments, PerturbationTable.Publish(v.PersistentAbsenceEnrolments, keys.PersistentAbsence));
        var sa = Math.Min(pa, PerturbationTable.Publish(v.SevereAbsenceEnrolments, keys.SevereAbsence));
        // The rates' threshold and noise follow the units the sessions sum over, published as the enrolments of the official
        // method would be: scaled by the live method's fewer enrolments, the same sessions would publish a second reading
        // with the same draw at another width, and the two would solve for the draw.
        var sessionUnits = keys.SessionUnits is { } units ? PerturbationTable.Publish(units.Count, units.Key) : enrolments;
        if (sessionUnits < SessionThreshold || v.PossibleSessions <= 0)
            return new(new MeasureValues(enrolments, 0, 0, 0, 0, 0, 0, pa, sa) { RegisterDetailUnavailable = v.RegisterDetailUnavailable },
                SessionFields | MeasureField.CodeSessions, MeasureField.None);
        long Published(long sessions, SessionRateNoise.Field field, long upTo)
        {
            var rate = 100.0 * sessions / v.PossibleSessions + SessionRateNoise.Points(field, keys.Sessions, sessionUnits);
            return Math.Clamp((long)Math.Round(rate * RateBasis / 100, MidpointRounding.AwayFromZero), 0, upTo);
        }
        // Only the overall and authorised absence (and late) rates are drawn; attendance and unauthorised absence are
        // derived from them as published, so the identities between the rates hold and add no second reading.
        var overall = Published(v.OverallAbsenceSessions, SessionRateNoise.Field.OverallAbsence, RateBasis);
        var authorised = Published(v.AuthorisedAbsenceSessions, SessionRateNoise.Field.AuthorisedAbsence, overall);
        var late = Published(v.LateSessions, SessionRateNoise.Field.Late, RateBasis);
        // A cell with sessions from weekly totals knows no late sessions: its late rate is withheld as it is from an exact role,
        // never drawn from the registers' part alone (RegisterDetailUnavailable is per cell, so the same whichever query).
        var basis = new MeasureValues(enrolments, RateBasis, RateBasis - overall, authorised, overall - authorised, overall, late, pa, sa)
            { RegisterDetailUnavailable = v.RegisterDetailUnavailable };
        return new(basis, MeasureField.CodeSessions, SessionFields);
    }
}

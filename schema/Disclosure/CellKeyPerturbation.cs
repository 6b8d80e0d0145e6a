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
/// enrolments was broken exactly that way. Session rates are published instead, as DfE publishes them: rounded to one
/// decimal place, from the true sessions, and only when the published enrolments reach <see cref="SessionThreshold"/>.
/// Rates are not additive and their weights are never published, so no subtraction between cells is defined on them.</item>
/// <item>The per-code breakdown is withheld: a rare code (an exclusion, a custodial absence) in a small cell is itself a
/// disclosure about a child.</item>
/// </list>
/// </summary>
public static class CellKeyPerturbation
{
    /// <summary>Published enrolments needed before session rates are published.</summary>
    public const long SessionThreshold = 10;

    /// <summary>
    /// Session figures of a protected cell are carried as parts per <see cref="RateBasis"/> of its possible sessions, so
    /// every session rate computed from them is the true rate rounded to one decimal place and the true session counts never
    /// leave this method (a caller that reads a withheld count anyway gets the rate basis, never a session total).
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
        if (enrolments < SessionThreshold || v.PossibleSessions == 0)
            return new(new MeasureValues(enrolments, 0, 0, 0, 0, 0, 0, pa, sa), SessionFields | MeasureField.CodeSessions, MeasureField.None);
        long Share(long sessions) => (long)Math.Round((decimal)sessions * RateBasis / v.PossibleSessions, MidpointRounding.AwayFromZero);
        var basis = new MeasureValues(enrolments, RateBasis, Share(v.AttendanceSessions), Share(v.AuthorisedAbsenceSessions),
            Share(v.UnauthorisedAbsenceSessions), Share(v.OverallAbsenceSessions), Share(v.LateSessions), pa, sa);
        return new(basis, MeasureField.CodeSessions, SessionFields);
    }
}

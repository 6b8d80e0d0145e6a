using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Schema.Disclosure;

/// <summary>
/// A cell's figures as published to someone not entitled to exact ones, from the cell alone (its true values and its
/// <see cref="CellKeys"/>), so the same cell publishes the same figures whichever query asks:
/// <list type="bullet">
/// <item>Enrolments, PA and SA enrolments: <see cref="PerturbationTable"/> with each count's own cell key (PA and SA
/// capped at the published enrolments and PA).</item>
/// <item>Session figures (possible, attendance, absence, late, per code) are magnitudes, not people: withheld when the
/// published enrolments are under <see cref="SessionThreshold"/>; otherwise scaled by published / true enrolments, so
/// they carry the enrolment count's perturbation (a difference of two cells' sessions is uncertain by about as many
/// enrolments' worth of sessions as their counts are) while every session rate — attendance, absence, late — stays the
/// true rate to rounding.</item>
/// </list>
/// Rates are then computed from the published counts.
/// </summary>
public static class CellKeyPerturbation
{
    /// <summary>Published enrolments needed before session figures (and so session rates) are published.</summary>
    public const long SessionThreshold = 10;

    public static MeasureField SessionFields { get; } =
        MeasureField.PossibleSessions | MeasureField.AttendanceSessions | MeasureField.AuthorisedAbsenceSessions
        | MeasureField.UnauthorisedAbsenceSessions | MeasureField.OverallAbsenceSessions | MeasureField.LateSessions | MeasureField.CodeSessions;

    /// <summary>The published values and the fields withheld (their values are zero in <c>Values</c>).</summary>
    public static (MeasureValues Values, MeasureField Withheld) Publish(MeasureValues v, CellKeys keys)
    {
        var enrolments = PerturbationTable.Publish(v.Enrolments, keys.Enrolments);
        var pa = enrolments == 0 ? 0 : Math.Min(enrolments, PerturbationTable.Publish(v.PersistentAbsenceEnrolments, keys.PersistentAbsence));
        var sa = Math.Min(pa, PerturbationTable.Publish(v.SevereAbsenceEnrolments, keys.SevereAbsence));
        if (enrolments < SessionThreshold)
            return (new MeasureValues(enrolments, 0, 0, 0, 0, 0, 0, pa, sa), SessionFields);
        long S(long sessions) => (long)Math.Round((decimal)sessions * enrolments / v.Enrolments, MidpointRounding.AwayFromZero);
        return (new MeasureValues(enrolments, S(v.PossibleSessions), S(v.AttendanceSessions), S(v.AuthorisedAbsenceSessions),
            S(v.UnauthorisedAbsenceSessions), S(v.OverallAbsenceSessions), S(v.LateSessions), pa, sa,
            v.CodeSessions?.ToDictionary(c => c.Key, c => S(c.Value))), MeasureField.None);
    }
}

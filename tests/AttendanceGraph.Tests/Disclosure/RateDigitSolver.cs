using AttendanceGraph.Schema.Disclosure;

namespace AttendanceGraph.Tests.Disclosure;

/// <summary>
/// The second cold attack: reading session counts back from the digits of a protected cell's session rates. The
/// attacker bounds the possible sessions P by the enrolments the ptable allows times the sessions an enrolment can have
/// in the period (1–2 on one day), keeps each P the publication rule allows at the precision seen, and for each finds
/// every overall absence O consistent with the rates and the identities (attendance + O = P, authorised + unauthorised
/// = O). One O in 1–5 over a one-day cell names pupils absent that day (there PA = SA = the pupils absent).
/// <paramref name="ratesDerived"/>: attendance and unauthorised rates are published as 100 − overall and overall −
/// authorised (the rule now), so they add nothing; otherwise each is taken as rounded from its own sessions (the first rule).
/// <paramref name="noisePoints"/>: the most the published rate can differ from the true one before rounding (the cell-key
/// noise's bound, which is public), widening each rate's interval by that much either way.
/// </summary>
public static class RateDigitSolver
{
    public sealed record PublishedRates(long Enrolments, double? Attendance, double? Overall, double? Authorised, double? Unauthorised);

    /// <summary>The least and greatest overall absence consistent with what is published, or null when the rates are withheld.</summary>
    public static (long Low, long High)? OverallAbsence(PublishedRates cell, int minSessionsPerEnrolment, int maxSessionsPerEnrolment,
        Func<long, int?> decimalsFor, int decimalsSeen, bool ratesDerived = false, double noisePoints = 0)
    {
        if (cell.Attendance is null || cell.Overall is null) return null;
        var (nLow, nHigh) = PerturbationTable.Preimage(cell.Enrolments);
        long? low = null, high = null;
        for (var p = Math.Max(nLow, 1) * minSessionsPerEnrolment; p <= nHigh * maxSessionsPerEnrolment; p++)
        {
            if (decimalsFor(p) != decimalsSeen) continue;
            var basis = 100 * (long)Math.Pow(10, decimalsSeen);
            var noise = (decimal)noisePoints * (decimal)Math.Pow(10, decimalsSeen);
            (long Low, long High)? Range(double? rate)
            {
                if (rate is not { } r) return null;
                var share = (long)Math.Round(r * Math.Pow(10, decimalsSeen));
                // round-half-away(X·basis/P + e) = share, |e| ≤ noise  ⇒  (share − ½ − noise)·P/basis ≤ X < (share + ½ + noise)·P/basis
                return (Math.Max(0, (long)Math.Ceiling((share - 0.5m - noise) * p / basis)),
                    Math.Min(p, (long)Math.Ceiling((share + 0.5m + noise) * p / basis) - 1 + (noise > 0 ? 1 : 0)));
            }
            var (oLow, oHigh) = Range(cell.Overall)!.Value;
            if (!ratesDerived)
            {
                // attendance + overall = P
                var a = Range(cell.Attendance)!.Value;
                oLow = Math.Max(oLow, p - a.High);
                oHigh = Math.Min(oHigh, p - a.Low);
            }
            if (!ratesDerived && Range(cell.Authorised) is { } au && Range(cell.Unauthorised) is { } un)
            {
                oLow = Math.Max(oLow, au.Low + un.Low);
                oHigh = Math.Min(oHigh, au.High + un.High);
            }
            if (oLow > oHigh) continue;
            low = low is null ? oLow : Math.Min(low.Value, oLow);
            high = high is null ? oHigh : Math.Max(high.Value, oHigh);
        }
        return low is null ? null : (low.Value, high!.Value);
    }
}

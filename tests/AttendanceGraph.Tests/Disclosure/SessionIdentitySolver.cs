using AttendanceGraph.Schema.Disclosure;

namespace AttendanceGraph.Tests.Disclosure;

/// <summary>
/// The attack the cold attacker of issue 11 made on the first cell-key build: a cell publishing perturbed enrolments p
/// beside session totals that were each the true total times p ÷ n (n the true enrolments), rounded. For each n the
/// ptable allows for p, a rounded total S pins the true total to an interval of width about n ÷ p; the identities that
/// hold between true totals (possible = attendance + overall absence, overall = authorised + unauthorised) are
/// satisfiable for the true n and usually for no other, so n is recovered — and then subtraction between overlapping
/// cells recovers their small counts. The solver sees only published figures: counts that are null give it nothing.
/// </summary>
public static class SessionIdentitySolver
{
    public sealed record PublishedSessions(long Enrolments, long? Possible, long? Attendance, long? Overall, long? Authorised, long? Unauthorised);

    /// <summary>The true enrolment counts consistent with everything published; one value means the count is recovered.</summary>
    public static IReadOnlyList<long> Candidates(PublishedSessions cell, Func<long, (long Low, long High)>? preimage = null)
    {
        var (low, high) = (preimage ?? PerturbationTable.Preimage)(cell.Enrolments);
        var candidates = new List<long>();
        for (var n = Math.Max(low, 1); n <= high; n++)
            if (Consistent(cell, n)) candidates.Add(n);
        return candidates;
    }

    private static bool Consistent(PublishedSessions cell, long n)
    {
        var p = cell.Enrolments;
        (long Low, long High)? Range(long? published)
        {
            if (published is not { } s) return null;
            // round-half-away(T·p/n) = s  ⇔  (s − ½)·n/p ≤ T < (s + ½)·n/p (for s > 0)
            var lo = (long)Math.Ceiling((s - 0.5m) * n / p);
            var hi = (long)Math.Ceiling((s + 0.5m) * n / p) - 1;
            return (Math.Max(lo, 0), hi);
        }
        var possible = Range(cell.Possible);
        var attendance = Range(cell.Attendance);
        var overall = Range(cell.Overall);
        var authorised = Range(cell.Authorised);
        var unauthorised = Range(cell.Unauthorised);
        foreach (var r in new[] { possible, attendance, overall, authorised, unauthorised })
            if (r is { } x && x.Low > x.High) return false;
        if (overall is { } o && authorised is { } a && unauthorised is { } u && !Overlaps(o, (a.Low + u.Low, a.High + u.High))) return false;
        if (possible is { } t && attendance is { } at && overall is { } ov && !Overlaps(t, (at.Low + ov.Low, at.High + ov.High))) return false;
        return true;
    }

    private static bool Overlaps((long Low, long High) a, (long Low, long High) b) => a.Low <= b.High && b.Low <= a.High;
}

using AttendanceGraph.Schema.Disclosure;

namespace AttendanceGraph.Tests.Disclosure;

/// <summary>
/// The third cold attack: when the precision a cell's rates are published at (or their being withheld) follows the true
/// possible sessions P, the precision bounds P; with at most so many sessions an enrolment in the period and the ptable's
/// bounds on the enrolments, the two can pin the enrolment count, and everyone − the rest of a cohort then pins the
/// cohort's (one cohort of exactly one pupil was recovered so). <paramref name="rule"/> maps (true P, published
/// enrolments) to the decimals published, null for withheld: the attacker knows the rule, as it is documented.
/// </summary>
public static class PrecisionBoundSolver
{
    public static (long Low, long High) Enrolments(long published, int? decimalsSeen, int minSessions, int maxSessions, Func<long, long, int?> rule,
        Func<long, (long Low, long High)>? preimage = null)
    {
        var (nLow, nHigh) = (preimage ?? PerturbationTable.Preimage)(published);
        long low = long.MaxValue, high = long.MinValue;
        for (var n = Math.Max(nLow, 1); n <= nHigh; n++)
            for (var p = n * minSessions; p <= n * maxSessions; p++)
                if (rule(p, published) == decimalsSeen)
                {
                    (low, high) = (Math.Min(low, n), Math.Max(high, n));
                    break;
                }
        return (low, high);
    }
}

namespace AttendanceGraph.Tests.Disclosure.Propagation;

/// <summary>
/// The fourth cold attack's solver: every published count is an interval of true values (its ptable preimage), and
/// every identity between cells (total = part + part, part ≤ whole) narrows the intervals until nothing changes. Only
/// impossible values are removed, so an interval of one value is a certain recovery.
/// </summary>
public sealed class IntervalPropagation
{
    private const long Unbounded = long.MaxValue / 4;
    private readonly Dictionary<string, (long Low, long High)> bounds = [];
    private readonly List<(string Total, string[] Parts)> sums = [];
    private readonly List<(string Part, string Whole)> atMost = [];

    public IReadOnlyDictionary<string, (long Low, long High)> Bounds => bounds;

    public bool Has(string cell) => bounds.ContainsKey(cell);

    public void Known(string cell, long low, long high = Unbounded) => bounds[cell] = (Math.Max(0, low), high);

    public void Sum(string total, params string[] parts) => sums.Add((total, parts));

    public void AtMost(string part, string whole) => atMost.Add((part, whole));

    public void Run(int rounds = 50)
    {
        for (var round = 0; round < rounds; round++)
        {
            var changed = false;
            void Narrow(string cell, long low, long high)
            {
                var (a, b) = bounds[cell];
                var (na, nb) = (Math.Max(a, low), Math.Min(b, high));
                if ((na, nb) == (a, b)) return;
                bounds[cell] = (na, nb);
                changed = true;
            }
            foreach (var (total, parts) in sums)
            {
                long low = parts.Sum(p => bounds[p].Low), high = parts.Sum(p => bounds[p].High);
                Narrow(total, low, high);
                foreach (var p in parts)
                    Narrow(p, bounds[total].Low - (high - bounds[p].High), bounds[total].High - (low - bounds[p].Low));
            }
            foreach (var (part, whole) in atMost)
            {
                Narrow(part, 0, bounds[whole].High);
                Narrow(whole, bounds[part].Low, Unbounded);
            }
            if (!changed) return;
        }
    }
}

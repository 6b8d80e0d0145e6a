using AttendanceGraph.Schema.Disclosure;

namespace AttendanceGraph.Tests.Disclosure.Propagation;

/// <summary>The ptable now, and the one the fourth cold attack broke (adjustments of ±2 from 8 up), as the attacker knows them.</summary>
public static class CountRules
{
    public static CountRule Now { get; } = new("ptable now (±7 tails)", PerturbationTable.Publish, PerturbationTable.Preimage);

    private static readonly int[] Narrow = Enumerable.Repeat(-2, 24).Concat(Enumerable.Repeat(-1, 56)).Concat(Enumerable.Repeat(0, 96))
        .Concat(Enumerable.Repeat(1, 56)).Concat(Enumerable.Repeat(2, 24)).ToArray();

    // The rows under 8 are the same in both tables; a count of 8 or more moved at most 2, and any key order will do for a
    // simulation whose keys are random.
    public static CountRule Before { get; } = new("ptable before (±2)",
        (n, key) => n < 8 ? PerturbationTable.Publish(n, key) : n + Narrow[key & 255],
        p => p switch { 0 => (0, 6), 6 => (1, 8), 7 => (6, 9), 9 => (8, 11), _ => (p - 2, p + 2) });
}

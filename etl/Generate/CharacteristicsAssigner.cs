using AttendanceGraph.Etl.Model;
using AttendanceGraph.Schema.Characteristics;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Gives each demo pupil the characteristics a school census records, in England's proportions, from a stream of its own per
/// pupil (seeded by the pupil's id): the population, registers and cohorts drawn before are untouched, so every generated
/// figure that existed before characteristics stays the same.
/// Proportions (DfE "Schools, pupils and their characteristics" 2024/25, rounded): White British ~62%, any other White ~7%,
/// Gypsy/Roma and Traveller ~0.7%, Mixed ~7%, Asian ~12%, Black ~6%, Chinese ~0.5%, any other ~2%, unclassified ~1%;
/// first language other than English ~21% (mostly among minority ethnic groups); SEN primary need from the pupil's SEN
/// support or EHC plan membership, in the proportions of each (SEN support: SLCN, SEMH, MLD, SpLD lead; EHC plans: ASD);
/// ~7% of pupils live in a neighbouring LA, and about a third of looked-after children are placed out of the LA.
/// </summary>
public static class CharacteristicsAssigner
{
    private static readonly (string Code, double Weight, double Eal)[] Ethnicities =
    [
        ("WBRI", 61.8, 0.01), ("WIRI", 0.3, 0.03), ("WIRT", 0.1, 0.05), ("WROM", 0.6, 0.6), ("WOTH", 7.0, 0.75),
        ("MWBC", 1.5, 0.03), ("MWBA", 0.9, 0.15), ("MWAS", 1.7, 0.15), ("MOTH", 2.4, 0.15),
        ("AIND", 3.5, 0.7), ("APKN", 4.6, 0.8), ("ABAN", 1.8, 0.85), ("AOTH", 2.1, 0.75),
        ("BCRB", 1.0, 0.03), ("BAFR", 4.2, 0.55), ("BOTH", 0.8, 0.4),
        ("CHNE", 0.5, 0.7), ("OOTH", 2.2, 0.8), ("REFU", 0.7, 0.15), ("NOBT", 0.3, 0.3),
    ];

    /// <summary>Primary need among pupils on SEN support (DfE SEN in England 2024/25, rounded).</summary>
    private static readonly (string Code, double Weight)[] SupportNeeds =
    [
        ("SLCN", 25), ("SEMH", 21), ("MLD", 17), ("SPLD", 14), ("ASD", 9), ("OTH", 3), ("NSA", 3), ("PD", 2), ("HI", 2),
        ("VI", 1), ("SLD", 1), ("MSI", 0.5), ("PMLD", 0.5),
    ];

    /// <summary>Primary need among pupils with an EHC plan.</summary>
    private static readonly (string Code, double Weight)[] EhcNeeds =
    [
        ("ASD", 33), ("SLCN", 21), ("SEMH", 15), ("MLD", 8), ("SLD", 6), ("PD", 4), ("SPLD", 4), ("PMLD", 2), ("HI", 2),
        ("OTH", 2), ("VI", 1), ("MSI", 1), ("NSA", 1),
    ];

    /// <summary>Neighbouring LAs pupils live in (Merton, Croydon).</summary>
    private static readonly int[] Neighbours = [315, 306];

    public const long StreamTag = 0xC4A2;

    public static void Assign(IEnumerable<DemoPupil> pupils, int laCode, long seed)
    {
        foreach (var p in pupils)
        {
            var rng = new DemoRandom(DemoRandom.Derive(seed, StreamTag, p.Id));
            var (ethnicity, ealShare) = Pick(rng, Ethnicities.Select(e => ((e.Code, e.Eal), e.Weight)));
            p.Ethnicity = ethnicity;
            var u = rng.NextDouble();
            p.Eal = u < 0.004 ? null : rng.Chance(ealShare);
            var sen = p.Memberships.Select(m => m.Cohort).ToHashSet();
            p.SenNeed = sen.Contains(Cohort.EhcPlan) ? Pick(rng, EhcNeeds.Select(n => (n.Code, n.Weight)))
                : sen.Contains(Cohort.SenSupport) ? Pick(rng, SupportNeeds.Select(n => (n.Code, n.Weight)))
                : CharacteristicCatalogue.NoSen;
            var placedOut = sen.Contains(Cohort.LookedAfter) && rng.Chance(0.35);
            p.HomeLaCode = placedOut || rng.Chance(0.07) ? Neighbours[rng.Next(Neighbours.Length)] : laCode;
        }
    }

    private static T Pick<T>(DemoRandom rng, IEnumerable<(T Value, double Weight)> weighted)
    {
        var list = weighted.ToList();
        var x = rng.NextDouble() * list.Sum(w => w.Weight);
        foreach (var (value, weight) in list)
        {
            if (x < weight) return value;
            x -= weight;
        }
        return list[^1].Value;
    }
}

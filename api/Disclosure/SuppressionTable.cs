using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Disclosure;

/// <summary>
/// The one place suppression is decided. Cells (MeasureValues keyed by name) get primary suppression; groups say
/// "these parts add up to that total". Secondary suppression then makes sure no published total less its other
/// published parts reveals a withheld part: in every group, each field is withheld in no part or in at least two
/// (the next smallest non-zero part is withheld too), and when no other part can hide it the total is withheld.
/// Groups are revisited until nothing changes, so nested groups (schools in a phase, phases in the LA) stay safe.
/// </summary>
public sealed class SuppressionTable<TKey> where TKey : notnull
{
    private readonly Dictionary<TKey, DisclosedMeasures> cells = new();
    private readonly List<(TKey Total, IReadOnlyList<TKey> Parts)> groups = new();
    private bool resolved;

    public SuppressionTable<TKey> Add(TKey key, MeasureValues values)
    {
        cells[key] = DisclosureRules.Cell(values);
        resolved = false;
        return this;
    }

    /// <summary>Declares that <paramref name="parts"/> add up to <paramref name="total"/> (both must be cells).</summary>
    public SuppressionTable<TKey> Group(TKey total, IEnumerable<TKey> parts)
    {
        var list = parts.Where(cells.ContainsKey).ToList();
        if (cells.ContainsKey(total) && list.Count > 0) groups.Add((total, list));
        resolved = false;
        return this;
    }

    public DisclosedMeasures this[TKey key]
    {
        get
        {
            Resolve();
            return cells[key];
        }
    }

    public bool Contains(TKey key) => cells.ContainsKey(key);

    public void Resolve()
    {
        if (resolved) return;
        bool changed;
        do
        {
            changed = false;
            foreach (var (total, parts) in groups)
                foreach (var field in DisclosureRules.Additive)
                    changed |= Protect(total, parts, field);
        } while (changed);
        resolved = true;
    }

    private bool Protect(TKey total, IReadOnlyList<TKey> parts, MeasureField field)
    {
        if (cells[total].IsSuppressed(field)) return false;
        var withheld = parts.Count(p => cells[p].IsSuppressed(field));
        if (withheld != 1) return false;
        var cover = parts.Where(p => !cells[p].IsSuppressed(field))
            .Select(p => (Key: p, Value: DisclosedMeasures.Raw(cells[p].Values, field)))
            .Where(p => p.Value > 0)
            .OrderBy(p => p.Value)
            .Select(p => p.Key)
            .ToList();
        var target = cover.Count > 0 ? cover[0] : total;
        cells[target] = cells[target].With(field);
        return true;
    }
}

using GraphQLParser.AST;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// The number of field selections each operation and fragment has with every fragment spread replaced by the
/// fragment's body: the size validation and complexity analysis walk, which the text alone does not show (twenty
/// fragments each spreading the previous one twice are a few hundred bytes and 2^20 fields). Each fragment is
/// counted once and remembered, and sums stop at the cap, so the count costs one pass over the document.
/// </summary>
internal sealed class ExpandedFieldCount
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new();
    private readonly Dictionary<string, long> _expanded = new();
    private readonly HashSet<string> _inProgress = new();
    private readonly long _cap;

    private ExpandedFieldCount(GraphQLDocument document, int cap)
    {
        _cap = (long)cap + 1;
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }
    }

    /// <summary>The largest expanded size of any definition in the document, or <paramref name="cap"/> + 1 if one passes it.</summary>
    public static long Largest(GraphQLDocument document, int cap)
    {
        var count = new ExpandedFieldCount(document, cap);
        long largest = 0;
        foreach (var definition in document.Definitions)
        {
            var size = definition switch
            {
                GraphQLOperationDefinition operation => count.Of(operation.SelectionSet),
                GraphQLFragmentDefinition fragment => count.OfFragment(fragment.FragmentName.Name.StringValue),
                _ => 0,
            };
            largest = Math.Max(largest, size);
            if (largest >= count._cap)
            {
                break;
            }
        }
        return largest;
    }

    private long Of(GraphQLSelectionSet? selectionSet)
    {
        long total = 0;
        foreach (var selection in selectionSet?.Selections ?? [])
        {
            total += selection switch
            {
                GraphQLField field => 1 + Of(field.SelectionSet),
                GraphQLInlineFragment inline => Of(inline.SelectionSet),
                GraphQLFragmentSpread spread => OfFragment(spread.FragmentName.Name.StringValue),
                _ => 0,
            };
            if (total >= _cap)
            {
                return _cap;
            }
        }
        return total;
    }

    private long OfFragment(string name)
    {
        if (_expanded.TryGetValue(name, out var known))
        {
            return known;
        }
        // An unknown fragment or a cycle adds nothing here: validation reports both (NoFragmentCycles, KnownFragmentNames).
        if (!_fragments.TryGetValue(name, out var fragment) || !_inProgress.Add(name))
        {
            return 0;
        }
        var size = Of(fragment.SelectionSet);
        _inProgress.Remove(name);
        _expanded[name] = size;
        return size;
    }
}

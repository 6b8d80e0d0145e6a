using GraphQL;
using GraphQLParser.AST;

namespace AttendanceGraph.Api.Common;

/// <summary>Whether a field's selection (at any depth, through fragments) includes a field of a given name.</summary>
public static class SelectionInspector
{
    public static bool Selects(IResolveFieldContext context, string fieldName) =>
        context.FieldAst.SelectionSet is { } set && Selects(set, fieldName, context.Document, 0);

    private static bool Selects(GraphQLSelectionSet set, string name, GraphQLDocument document, int depth)
    {
        if (depth > 16) return true;
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case GraphQLField f:
                    if (f.Name.Value == name) return true;
                    if (f.SelectionSet is { } inner && Selects(inner, name, document, depth + 1)) return true;
                    break;
                case GraphQLInlineFragment inline:
                    if (Selects(inline.SelectionSet, name, document, depth + 1)) return true;
                    break;
                case GraphQLFragmentSpread spread:
                    var fragment = document.Definitions.OfType<GraphQLFragmentDefinition>()
                        .FirstOrDefault(d => d.FragmentName.Name.Value == spread.FragmentName.Name.Value);
                    if (fragment is not null && Selects(fragment.SelectionSet, name, document, depth + 1)) return true;
                    break;
            }
        }
        return false;
    }
}

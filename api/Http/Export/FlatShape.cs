using GraphQL.Types;
using GraphQLParser.AST;

namespace AttendanceGraph.Api.Http.Export;

/// <summary>The scalar type of one exported column, from the schema (so an all-null page still has a type).</summary>
public enum ColumnType { String, Int, Long, Double, Boolean }

/// <summary>One column: its header (the response keys joined by '_' when nested in one-to-one objects) and where it sits in a row.</summary>
public sealed record FlatColumn(string Name, IReadOnlyList<string> Path, ColumnType Type);

/// <summary>
/// Where a flat result's rows are (the response keys from data down to the one list) and their columns. Worked out from
/// the operation and the schema before execution, so a refused shape costs nothing and an empty list still has a header.
/// </summary>
/// <param name="PagesByAfter">The operation declares <c>$after</c>: the export follows pageInfo.endCursor through it to the last page.</param>
public sealed record FlatShape(IReadOnlyList<string> ListPath, IReadOnlyList<FlatColumn> Columns, bool PagesByAfter)
{
    public const string AfterVariable = "after";

    public const char NameSeparator = '_';

    /// <summary>The shape, or why the operation's result is not one list of scalar rows (null shape).</summary>
    public static (FlatShape? Shape, string? NotFlat) Of(ISchema schema, GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        if (operation is null || operation.Operation != OperationType.Query)
        {
            return (null, "only one query operation can be exported");
        }
        var walker = new Walker(schema, document);
        var lists = new List<(List<string> Path, IComplexGraphType Item, GraphQLSelectionSet Selection)>();
        walker.FindLists(schema.Query, operation.SelectionSet, [], lists);
        if (lists.Count != 1)
        {
            return (null, $"the result holds {lists.Count} lists of rows; an export needs exactly one");
        }
        var (path, item, selection) = lists[0];
        var columns = new List<FlatColumn>();
        if (walker.Columns(item, selection, [], columns) is { } nested)
        {
            return (null, nested);
        }
        var pages = operation.Variables?.Items.Any(v => v.Variable.Name.StringValue == AfterVariable) == true;
        return (new FlatShape(path, columns, pages), null);
    }

    private sealed class Walker(ISchema schema, GraphQLDocument document)
    {
        public void FindLists(IComplexGraphType type, GraphQLSelectionSet selection, List<string> path,
            List<(List<string>, IComplexGraphType, GraphQLSelectionSet)> found)
        {
            foreach (var (field, owner) in Fields(type, selection))
            {
                var (graphType, isList) = Unwrap(owner.GetField(field.Name.StringValue)?.ResolvedType);
                var key = (field.Alias?.Name ?? field.Name).StringValue;
                if (graphType is not IComplexGraphType complex || field.SelectionSet is null) continue;
                if (isList) found.Add(([.. path, key], complex, field.SelectionSet));
                else FindLists(complex, field.SelectionSet, [.. path, key], found);
            }
        }

        /// <summary>Scalars become columns and one-to-one objects are flattened into them; a nested list is refused.</summary>
        public string? Columns(IComplexGraphType type, GraphQLSelectionSet selection, List<string> path, List<FlatColumn> columns)
        {
            foreach (var (field, owner) in Fields(type, selection))
            {
                var key = (field.Alias?.Name ?? field.Name).StringValue;
                var name = field.Name.StringValue;
                if (name == "__typename")
                {
                    columns.Add(new FlatColumn(string.Join(NameSeparator, [.. path, key]), [.. path, key], ColumnType.String));
                    continue;
                }
                var (graphType, isList) = Unwrap(owner.GetField(name)?.ResolvedType);
                if (isList) return $"'{key}' is a list inside each row";
                if (graphType is IComplexGraphType complex && field.SelectionSet is not null)
                {
                    if (Columns(complex, field.SelectionSet, [.. path, key], columns) is { } error) return error;
                    continue;
                }
                columns.Add(new FlatColumn(string.Join(NameSeparator, [.. path, key]), [.. path, key], TypeOf(graphType)));
            }
            return null;
        }

        /// <summary>The fields of a selection set with the type that declares them, fragments inlined in document order.</summary>
        private IEnumerable<(GraphQLField, IComplexGraphType)> Fields(IComplexGraphType type, GraphQLSelectionSet selection)
        {
            foreach (var node in selection.Selections)
            {
                switch (node)
                {
                    case GraphQLField field:
                        yield return (field, type);
                        break;
                    case GraphQLInlineFragment inline:
                        foreach (var f in Fields(On(inline.TypeCondition, type), inline.SelectionSet)) yield return f;
                        break;
                    case GraphQLFragmentSpread spread:
                        var fragment = document.Definitions.OfType<GraphQLFragmentDefinition>()
                            .FirstOrDefault(d => d.FragmentName.Name.StringValue == spread.FragmentName.Name.StringValue);
                        // An unknown fragment is validation's to report when the document executes.
                        if (fragment is null) break;
                        foreach (var f in Fields(On(fragment.TypeCondition, type), fragment.SelectionSet)) yield return f;
                        break;
                }
            }
        }

        private IComplexGraphType On(GraphQLTypeCondition? condition, IComplexGraphType type) =>
            condition is not null && schema.AllTypes[condition.Type.Name.StringValue] is IComplexGraphType named ? named : type;
    }

    private static (IGraphType? Type, bool IsList) Unwrap(IGraphType? type)
    {
        var isList = false;
        while (true)
        {
            switch (type)
            {
                case NonNullGraphType nonNull: type = nonNull.ResolvedType; break;
                case ListGraphType list: isList = true; type = list.ResolvedType; break;
                default: return (type, isList);
            }
        }
    }

    private static ColumnType TypeOf(IGraphType? type) => type switch
    {
        IntGraphType or ShortGraphType or ByteGraphType => ColumnType.Int,
        LongGraphType => ColumnType.Long,
        FloatGraphType or DecimalGraphType => ColumnType.Double,
        BooleanGraphType => ColumnType.Boolean,
        _ => ColumnType.String,
    };
}

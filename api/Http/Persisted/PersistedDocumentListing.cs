using GraphQLParser;
using GraphQLParser.AST;

namespace AttendanceGraph.Api.Http.Persisted;

/// <summary>What a BI developer browsing GET /graphql/documents sees of one document.</summary>
public sealed record PersistedDocumentEntry(
    string Id, string Name, string? Description, string? OperationName, string OperationType,
    IReadOnlyList<PersistedDocumentVariable> Variables, string Document);

public sealed record PersistedDocumentVariable(string Name, string Type, string? DefaultValue);

/// <summary>Reads the listing's facts out of each document's own text: a leading <c>#</c> line is its description.</summary>
public static class PersistedDocumentListing
{
    public static IReadOnlyList<PersistedDocumentEntry> Of(IPersistedDocumentStore store) =>
        store.All.Select(Describe).ToList();

    public static PersistedDocumentEntry Describe(PersistedDocument document)
    {
        var text = document.Text;
        var parsed = Parser.Parse(text);
        var operation = parsed.Definitions.OfType<GraphQLOperationDefinition>().First();
        var variables = operation.Variables?.Items.Select(v => new PersistedDocumentVariable(
            v.Variable.Name.StringValue,
            TypeOf(v.Type),
            v.DefaultValue is null ? null : text[v.DefaultValue.Location.Start..v.DefaultValue.Location.End])).ToList() ?? [];
        return new PersistedDocumentEntry(document.Id, document.Name, Description(text), operation.Name?.StringValue,
            operation.Operation.ToString().ToLowerInvariant(), variables, text);
    }

    private static string? Description(string text)
    {
        var first = text.TrimStart('\uFEFF').Split('\n', 2)[0].Trim();
        return first.StartsWith('#') ? first.TrimStart('#').Trim() : null;
    }

    private static string TypeOf(GraphQLType type) => type switch
    {
        GraphQLNonNullType n => TypeOf(n.Type) + "!",
        GraphQLListType l => "[" + TypeOf(l.Type) + "]",
        GraphQLNamedType named => named.Name.StringValue,
        _ => type.ToString() ?? "",
    };
}

using GraphQL;
using GraphQLParser.AST;

namespace AttendanceGraph.Api.Http;

/// <summary>Checks a query against <see cref="DocumentLimits"/>: the text before parsing, the fragments before validation.</summary>
internal static class DocumentBudget
{
    public static ExecutionError? CheckText(string query, DocumentLimits limits)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(query);
        if (bytes > limits.MaxQueryBytes)
        {
            return new DocumentLimitError($"{bytes} bytes", limits.MaxQueryBytes, nameof(limits.MaxQueryBytes));
        }
        var counts = QueryTextCounts.Of(query, limits.MaxTokens);
        if (counts.Tokens > limits.MaxTokens)
        {
            return new DocumentLimitError($"more than {limits.MaxTokens} tokens", limits.MaxTokens, nameof(limits.MaxTokens));
        }
        if (counts.Fields > limits.MaxFields)
        {
            return new DocumentLimitError($"{counts.Fields} field selections", limits.MaxFields, nameof(limits.MaxFields));
        }
        if (counts.Aliases > limits.MaxAliases)
        {
            return new DocumentLimitError($"{counts.Aliases} aliases", limits.MaxAliases, nameof(limits.MaxAliases));
        }
        if (counts.FragmentSpreads > limits.MaxFragmentSpreads)
        {
            return new DocumentLimitError($"{counts.FragmentSpreads} fragment spreads", limits.MaxFragmentSpreads, nameof(limits.MaxFragmentSpreads));
        }
        return null;
    }

    public static ExecutionError? CheckExpansion(GraphQLDocument document, DocumentLimits limits)
    {
        var largest = ExpandedFieldCount.Largest(document, limits.MaxExpandedFields);
        return largest > limits.MaxExpandedFields
            ? new DocumentLimitError($"more than {limits.MaxExpandedFields} field selections once its fragments are expanded", limits.MaxExpandedFields, nameof(limits.MaxExpandedFields))
            : null;
    }
}

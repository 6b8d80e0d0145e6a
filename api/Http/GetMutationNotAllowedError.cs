using GraphQL.Validation;
using GraphQLParser.AST;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// A validation error (so execution never starts) for a non-query operation selected in a GET request.
/// </summary>
public sealed class GetMutationNotAllowedError(ValidationContext context, GraphQLOperationDefinition operation)
    : ValidationError(
        context.Document.Source,
        null,
        $"Only query operations may be sent with GET; send {operation.Operation.ToString().ToLowerInvariant()} operations with POST.",
        operation),
      IMethodNotAllowedError
{
    public string Allow => "POST";
}

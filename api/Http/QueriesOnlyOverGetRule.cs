using GraphQL.Validation;
using GraphQLParser.AST;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// GET requests are "simple" CORS requests and end up in logs, so the spec forbids them from changing
/// state. Checked as a validation rule because only the validator knows which operation operationName selects.
/// </summary>
internal sealed class QueriesOnlyOverGetRule : ValidationRuleBase
{
    public static readonly QueriesOnlyOverGetRule Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        if (operation is not null && operation.Operation != OperationType.Query)
        {
            context.ReportError(new GetMutationNotAllowedError(context, operation));
        }
        return default;
    }
}

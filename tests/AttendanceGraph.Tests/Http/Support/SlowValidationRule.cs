using GraphQL.Validation;
using GraphQLParser.AST;

namespace AttendanceGraph.Tests.Http.Support;

/// <summary>
/// Stands in for an expensive validation step that never looks at the cancellation token (as GraphQL.NET's own
/// rules do not): blocks for <paramref name="perField"/> on every field of an operation named SlowValidation.
/// </summary>
public sealed class SlowValidationRule(TimeSpan perField) : ValidationRuleBase
{
    public const string OperationName = "SlowValidation";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        context.Operation.Name?.StringValue == OperationName
            ? new(new MatchingNodeVisitor<GraphQLField>((_, _) => Thread.Sleep(perField)))
            : default;
}

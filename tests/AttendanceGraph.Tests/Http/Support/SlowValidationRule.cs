using GraphQL.Validation;
using GraphQLParser.AST;

namespace AttendanceGraph.Tests.Http.Support;

/// <summary>
/// Stands in for an expensive validation step that never looks at the cancellation token (as GraphQL.NET's own
/// rules do not): blocks for <paramref name="perField"/> on every field of an operation named SlowValidation,
/// and counts the fields it has reached so a test can see whether the walk goes on.
/// </summary>
public sealed class SlowValidationRule(TimeSpan perField) : ValidationRuleBase
{
    public const string OperationName = "SlowValidation";
    private int _fieldsReached;

    public int FieldsReached => Volatile.Read(ref _fieldsReached);

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        context.Operation.Name?.StringValue == OperationName
            ? new(new MatchingNodeVisitor<GraphQLField>((_, _) =>
            {
                Interlocked.Increment(ref _fieldsReached);
                Thread.Sleep(perField);
            }))
            : default;

    public static string Query(int fields) => $"query {OperationName} {{ {string.Join(' ', Enumerable.Repeat("hello", fields))} }}";
}

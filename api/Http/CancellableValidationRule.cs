using GraphQL.Validation;
using GraphQLParser.AST;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// GraphQL.NET's validator hands the request's token to the rules but never checks it itself, so a long validation
/// ran on after the deadline and after the client had gone. Listed first, this rule checks the token at every
/// node the validator enters, which makes the whole walk stop within one node of either event.
/// </summary>
internal sealed class CancellableValidationRule : IValidationRule, INodeVisitor
{
    public static readonly CancellableValidationRule Instance = new();

    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) => new(this);

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => new(this);

    public ValueTask EnterAsync(ASTNode node, ValidationContext context)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        return default;
    }

    public ValueTask LeaveAsync(ASTNode node, ValidationContext context) => default;
}

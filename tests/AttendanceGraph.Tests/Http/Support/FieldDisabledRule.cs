using GraphQL.Validation;
using GraphQLParser.AST;

namespace AttendanceGraph.Tests.Http.Support;

/// <summary>A host-supplied rule of the kind the lead may add (e.g. feature flags): rejects one field.</summary>
public sealed class FieldDisabledRule(string fieldName) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        new(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
        {
            if (field.Name.StringValue == fieldName)
            {
                ctx.ReportError(new ValidationError($"The field '{fieldName}' is disabled on this server."));
            }
        }));
}

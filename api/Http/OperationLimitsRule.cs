using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// Depth and complexity limits, with a separate budget for pure introspection operations.
/// The standard introspection query GraphiQL sends is 15 levels deep and, priced with list multipliers,
/// far above any sensible data budget; its size is bounded by the schema, not by the warehouse, so it
/// only gets a depth cap (crafted recursive __type queries are still stopped) plus the execution timeout.
/// </summary>
internal sealed class OperationLimitsRule : IValidationRule
{
    private static readonly HashSet<string> IntrospectionRootFields = ["__schema", "__type", "__typename"];

    private readonly IValidationRule? _dataRule;
    private readonly IValidationRule _introspectionRule;

    public OperationLimitsRule(GraphQLEndpointOptions options)
    {
        if (options.MaxDepth is not null || options.MaxComplexity is not null)
        {
            _dataRule = new ComplexityValidationRule(new ComplexityOptions
            {
                MaxDepth = options.MaxDepth,
                MaxComplexity = options.MaxComplexity,
                DefaultListImpactMultiplier = options.ListImpactMultiplier,
            });
        }
        _introspectionRule = new ComplexityValidationRule(new ComplexityOptions { MaxDepth = options.IntrospectionMaxDepth });
    }

    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
        RuleFor(context)?.GetPreNodeVisitorAsync(context) ?? default;

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) =>
        RuleFor(context)?.GetVariableVisitorAsync(context) ?? default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) =>
        RuleFor(context)?.GetPostNodeVisitorAsync(context) ?? default;

    private IValidationRule? RuleFor(ValidationContext context) =>
        IsPureIntrospection(context.Operation) ? _introspectionRule : _dataRule;

    // Fragments at the root could hide data fields, so only plain introspection fields qualify.
    private static bool IsPureIntrospection(GraphQLOperationDefinition? operation) =>
        operation is { Operation: OperationType.Query }
        && operation.SelectionSet.Selections.All(s => s is GraphQLField f && IntrospectionRootFields.Contains(f.Name.StringValue));
}

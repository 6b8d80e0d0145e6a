using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Errors.Custom;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// Depth and complexity limits, with a separate budget for pure introspection operations. Every field is priced
/// by <see cref="FieldPricing"/>: introspection at the size of what it returns, the host's expensive fields at
/// the host's price, the rest by GraphQL.NET's list multipliers. The standard introspection query GraphiQL sends
/// is 15 levels deep, so introspection-only operations get their own depth cap, and a budget of
/// <see cref="GraphQLEndpointOptions.IntrospectionMaxSchemaListings"/> times the schema's size.
/// </summary>
internal sealed class OperationLimitsRule : IValidationRule
{
    private static readonly HashSet<string> IntrospectionRootFields = ["__schema", "__type", "__typename"];

    private readonly IValidationRule? _dataRule;
    private readonly IValidationRule _introspectionRule;

    public OperationLimitsRule(GraphQLEndpointOptions options)
    {
        var pricing = new FieldPricing(options.FieldCost);
        if (options.MaxDepth is not null || options.MaxComplexity is not null)
        {
            _dataRule = new ComplexityValidationRule(new ComplexityOptions
            {
                MaxDepth = options.MaxDepth,
                MaxComplexity = options.MaxComplexity,
                DefaultListImpactMultiplier = options.ListImpactMultiplier,
                DefaultComplexityImpactDelegate = pricing.Price,
            });
        }
        _introspectionRule = new ComplexityValidationRule(new ComplexityOptions
        {
            MaxDepth = options.IntrospectionMaxDepth,
            DefaultComplexityImpactDelegate = pricing.Price,
            ValidateComplexityDelegate = context => LimitIntrospection(context, options.IntrospectionMaxSchemaListings),
        });
    }

    // The cap depends on the schema, which the options do not know, so it is checked once the schema is at hand.
    private static Task LimitIntrospection(ComplexityValidationContext context, double maxListings)
    {
        var cap = maxListings * IntrospectionCost.SchemaElements(context.ValidationContext.Schema);
        if (context.Error is null && context.TotalImpact > cap)
        {
            context.Error = new ComplexityError(
                $"Query is too complex to execute. Introspection complexity is {context.TotalImpact}; maximum allowed on this " +
                $"endpoint is {cap} ({maxListings} times the schema's {cap / maxListings} elements, GraphQL:IntrospectionMaxSchemaListings).");
        }
        return Task.CompletedTask;
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

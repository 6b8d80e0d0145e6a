using GraphQL.Validation.Complexity;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// One price list for the complexity analysis: introspection by <see cref="IntrospectionCost"/>, then the host's
/// <see cref="GraphQLEndpointOptions.FieldCost"/>, then GraphQL.NET's default (1 a field, list children times
/// the list multiplier or the <c>first</c>/<c>last</c> argument).
/// </summary>
internal sealed class FieldPricing(Func<FieldImpactContext, FieldComplexityResult?>? hostCost)
{
    private static readonly Func<FieldImpactContext, FieldComplexityResult> Default = new ComplexityOptions().DefaultComplexityImpactDelegate;

    public FieldComplexityResult Price(FieldImpactContext context) =>
        IntrospectionCost.Price(context) ?? hostCost?.Invoke(context) ?? Default(context);
}

using System.Runtime.CompilerServices;
using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// Prices introspection at the size of what it returns, counted in schema elements (one per type, field,
/// argument, input field, enum value, directive and directive argument): a <c>__schema</c> selection costs the
/// whole schema, a <c>__type</c> selection the largest type, and what is selected beneath them is already in that
/// price. Listing a type's members again through another element (<c>types { fields { type { fields … } } }</c>)
/// multiplies the answer by the members of each element, so it costs the schema times the largest type. Before
/// this, introspection-only operations were not priced at all: 3,000 aliased <c>__schema</c> selections answered
/// 92 MB and grew the API's memory by 1.3 GB.
/// </summary>
internal static class IntrospectionCost
{
    private static readonly HashSet<string> TypeMemberLists = ["fields", "inputFields", "enumValues", "interfaces", "possibleTypes"];
    private static readonly HashSet<string> FirstListings = ["types", "__type"];
    private static readonly ConditionalWeakTable<ISchema, SchemaSize> Sizes = new();

    /// <summary>The price of an introspection field, or null for a field of the schema's own types.</summary>
    public static FieldComplexityResult? Price(FieldImpactContext context)
    {
        var name = context.FieldDefinition.Name;
        var size = SizeOf(context.ValidationContext.Schema);
        if (name == "__schema")
        {
            return new(size.Elements, 1);
        }
        if (name == "__type")
        {
            return new(size.LargestType, 1);
        }
        if (!context.ParentType.Name.StartsWith("__", StringComparison.Ordinal))
        {
            return null;
        }
        var relisting = context.ParentType.Name == "__Type" && TypeMemberLists.Contains(name)
            && context.Parent is { } parent && !FirstListings.Contains(parent.FieldDefinition.Name);
        return relisting ? new((double)size.Elements * size.LargestType, 1) : new(0, 1);
    }

    /// <summary>The schema's size in elements: what one <c>__schema</c> selection costs.</summary>
    public static int SchemaElements(ISchema schema) => SizeOf(schema).Elements;

    private static SchemaSize SizeOf(ISchema schema) => Sizes.GetValue(schema, SchemaSize.Measure);

    private sealed record SchemaSize(int Elements, int LargestType)
    {
        public static SchemaSize Measure(ISchema schema)
        {
            schema.Initialize();
            var types = schema.AllTypes.Select(TypeElements).ToList();
            var directives = schema.Directives.Sum(d => 1 + (d.Arguments?.Count ?? 0));
            return new(types.Sum() + directives, types.Max());
        }

        private static int TypeElements(IGraphType type) => 1 + type switch
        {
            IComplexGraphType complex => complex.Fields.Sum(f => 1 + (f.Arguments?.Count ?? 0)),
            EnumerationGraphType enumeration => enumeration.Values.Count,
            _ => 0,
        };
    }
}

using AttendanceGraph.Schema.Characteristics;
using GraphQL;
using GraphQL.Builders;

namespace AttendanceGraph.Api.Characteristics;

/// <summary>
/// The characteristic arguments, declared and read in one place: <c>characteristic</c> (a filter, on every field that
/// measures) and <c>breakdown</c> (a row per group, on the fields that return rows). Both become part of the
/// MeasureRequest, so the answer passes the same protection as any cell.
/// </summary>
public static class CharacteristicArguments
{
    public const string FilterArgument = "characteristic", BreakdownArgument = "breakdown";

    public static FieldBuilder<TSource, TReturn> CharacteristicFilterArg<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Argument<CharacteristicFilterInputType>(FilterArgument,
            "Count only the pupils in one group of a characteristic (e.g. {characteristic: ETHNICITY, group: \"WROM\"}); an unknown group is an UNKNOWN_GROUP error.");

    public static FieldBuilder<TSource, TReturn> BreakdownArg<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Argument<CharacteristicEnum>(BreakdownArgument, "A row per group of this characteristic (every group with pupils, UNKNOWN included).");

    /// <summary>The filter the arguments give, its group checked against the catalogue (so nothing else reaches a query).</summary>
    public static CharacteristicFilter? CharacteristicFilter(this IResolveFieldContext c)
    {
        if (c.GetArgument<CharacteristicFilterInput?>(FilterArgument) is not { } input) return null;
        var group = input.Group.Trim().ToUpperInvariant();
        if (CharacteristicCatalogue.Label(input.Characteristic, group) is null)
            throw new ExecutionError($"\"{(group.Length > 40 ? group[..40] + "…" : group)}\" is not a group of {input.Characteristic}; characteristicGroups lists them")
                { Code = "UNKNOWN_GROUP" };
        return new CharacteristicFilter(input.Characteristic, group);
    }

    public static Characteristic? Breakdown(this IResolveFieldContext c) => c.GetArgument<Characteristic?>(BreakdownArgument);
}

using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Schema.Characteristics;
using GraphQL.Types;

namespace AttendanceGraph.Api.Characteristics;

/// <summary>One group of a breakdown, as published.</summary>
public sealed record BreakdownRow(Characteristic Characteristic, string Group, DisclosedMeasures Measures)
{
    public string Label => CharacteristicCatalogue.Label(Characteristic, Group) ?? Group;

    /// <summary>The rows of a breakdown in the catalogue's order of groups.</summary>
    public static IReadOnlyList<BreakdownRow> From(Characteristic c, IEnumerable<PublishedRow> rows)
    {
        var order = CharacteristicCatalogue.Groups(c).Select((g, i) => (g.Code, i)).ToDictionary(x => x.Code, x => x.i);
        return rows.Where(r => r.Group is not null).OrderBy(r => order.GetValueOrDefault(r.Group!, int.MaxValue))
            .Select(r => new BreakdownRow(c, r.Group!, r.Measures)).ToList();
    }
}

public sealed class BreakdownRowType : ObjectGraphType<BreakdownRow>
{
    public BreakdownRowType()
    {
        Name = "BreakdownRow";
        Description = "The measures of one group of a characteristic.";
        Field(r => r.Characteristic, type: typeof(NonNullGraphType<CharacteristicEnum>));
        Field(r => r.Group).Description("The group's code (filter by it with `characteristic: {characteristic, group}`).");
        Field(r => r.Label);
        Field(r => r.Measures, type: typeof(NonNullGraphType<MeasuresType>));
    }
}

public sealed class CharacteristicGroupType : ObjectGraphType<CharacteristicGroup>
{
    public CharacteristicGroupType()
    {
        Name = "CharacteristicGroup";
        Field(g => g.Code);
        Field(g => g.Label);
    }
}

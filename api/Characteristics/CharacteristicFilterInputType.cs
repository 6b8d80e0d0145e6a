using AttendanceGraph.Schema.Characteristics;
using GraphQL.Types;

namespace AttendanceGraph.Api.Characteristics;

public sealed class CharacteristicFilterInput
{
    public Characteristic Characteristic { get; set; }
    public string Group { get; set; } = "";
}

public sealed class CharacteristicFilterInputType : InputObjectGraphType<CharacteristicFilterInput>
{
    public CharacteristicFilterInputType()
    {
        Name = "CharacteristicFilter";
        Description = "Count only the pupils in one group of a characteristic: the same cell, published the same way, as that group's row of a breakdown.";
        Field(f => f.Characteristic, type: typeof(NonNullGraphType<CharacteristicEnum>));
        Field(f => f.Group).Description("The group's code, as `characteristicGroups` lists it (e.g. WROM, OTHER_THAN_ENGLISH, SEMH, NOT_RESIDENT, UNKNOWN).");
    }
}

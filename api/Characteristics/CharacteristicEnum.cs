using AttendanceGraph.Schema.Characteristics;
using GraphQL.Types;

namespace AttendanceGraph.Api.Characteristics;

public sealed class CharacteristicEnum : EnumerationGraphType<Characteristic>
{
    public CharacteristicEnum()
    {
        Name = "Characteristic";
        Description = "A pupil characteristic measures can be broken down or filtered by; `characteristicGroups` lists each one's groups. " +
                      "Pupils whose value was not loaded are in the group UNKNOWN, never left out.";
        Describe(Characteristic.Sex, "Female, male.");
        Describe(Characteristic.YearGroup, "National curriculum year group of the enrolment (its latest admission): R, 1 … 14.");
        Describe(Characteristic.Ethnicity, "School census ethnicity code (WBRI, WROM, …; REFU refused, NOBT not yet obtained).");
        Describe(Characteristic.EthnicityMajor, "Ethnicity major group: WHITE, MIXED, ASIAN, BLACK, CHINESE, OTHER, UNCLASSIFIED.");
        Describe(Characteristic.Eal, "First language: OTHER_THAN_ENGLISH (English as an additional language) or ENGLISH.");
        Describe(Characteristic.SenNeed, "SEN primary type of need (census code: SEMH, SLCN, MLD, ASD, SPLD, …), NONE without SEN.");
        Describe(Characteristic.Residency, "RESIDENT when the pupil lives in the LA, NOT_RESIDENT when in another LA.");
    }

    private void Describe(Characteristic c, string description)
    {
        var value = Values.First(v => Equals(v.Value, c));
        value.Description = description;
    }
}

namespace AttendanceGraph.Schema.Characteristics;

/// <summary>
/// A pupil characteristic measures can be broken down or filtered by. All but the year group are attributes of the pupil
/// (stored on <c>pupils</c>); the year group is the enrolment's (<c>enrolments.nc_year</c>). See <see cref="CharacteristicCatalogue"/>.
/// </summary>
public enum Characteristic
{
    Sex,
    YearGroup,
    Ethnicity,
    EthnicityMajor,
    Eal,
    SenNeed,
    Residency,
}

/// <summary>One group of a characteristic: its code (what filters and rows carry) and its label.</summary>
public sealed record CharacteristicGroup(string Code, string Label);

namespace AttendanceGraph.Etl.Model;

/// <summary>
/// A pupil's characteristics as one row of a pupils or DfE file gave them; null is "not given", and leaves what the
/// warehouse knew. <paramref name="HomeLaCode"/> (pupils file) is resolved against the LA at staging; the DfE file
/// says whether the pupil is resident directly (<paramref name="Resident"/>: home LA UKPRN = the school's LA UKPRN).
/// <paramref name="AsOf"/> orders rows of the same pupil: the latest row's values win, field by field.
/// </summary>
public sealed record PupilCharacteristicsRecord(
    DateOnly AsOf,
    int SchoolUrn,
    string? Ethnicity,
    bool? Eal,
    string? SenNeed,
    int? HomeLaCode,
    bool? Resident)
{
    /// <summary>
    /// This row's values over <paramref name="older"/>'s, field by field (a field this row does not give keeps the older
    /// one). Residency travels as one: the home LA with the school it is compared with, or the DfE file's answer.
    /// </summary>
    public PupilCharacteristicsRecord Over(PupilCharacteristicsRecord older)
    {
        var residency = HomeLaCode is not null || Resident is not null ? this : older;
        return new(AsOf, residency.SchoolUrn, Ethnicity ?? older.Ethnicity, Eal ?? older.Eal, SenNeed ?? older.SenNeed,
            residency.HomeLaCode, residency.Resident);
    }

    public bool GivesAnything => Ethnicity is not null || Eal is not null || SenNeed is not null || HomeLaCode is not null || Resident is not null;
}

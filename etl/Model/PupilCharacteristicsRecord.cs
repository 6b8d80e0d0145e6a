namespace AttendanceGraph.Etl.Model;

/// <summary>
/// A pupil's characteristics as one row of a pupils or DfE file gave them; null is "not given", and leaves what the
/// warehouse knew. The home LA comes as a code (<paramref name="HomeLaCode"/>, pupils file) or, from the DfE file, as a UKPRN
/// and name with the school's LA UKPRN beside it (<paramref name="DfeHome"/>); either is resolved against the LA at staging.
/// <paramref name="AsOf"/> orders rows of the same pupil: the latest row's values win, field by field.
/// </summary>
public sealed record PupilCharacteristicsRecord(
    DateOnly AsOf,
    int SchoolUrn,
    string? Ethnicity,
    bool? Eal,
    string? SenNeed,
    int? HomeLaCode,
    DfeHomeLa? DfeHome)
{
    /// <summary>
    /// This row's values over <paramref name="older"/>'s, field by field (a field this row does not give keeps the older
    /// one). Residency travels as one: the home LA with the school it is compared with.
    /// </summary>
    public PupilCharacteristicsRecord Over(PupilCharacteristicsRecord older)
    {
        var residency = GivesResidency ? this : older;
        var ethnicity = Ethnicity ?? older.Ethnicity;
        var eal = Eal ?? older.Eal;
        var senNeed = SenNeed ?? older.SenNeed;
        // This row again when the older one adds nothing to it: a year of weekly DfE rows merges ~4 million times.
        if (ReferenceEquals(residency, this) && ReferenceEquals(ethnicity, Ethnicity) && eal == Eal && ReferenceEquals(senNeed, SenNeed)) return this;
        return new(AsOf, residency.SchoolUrn, ethnicity, eal, senNeed, residency.HomeLaCode, residency.DfeHome);
    }

    /// <summary>What is known after <paramref name="read"/>, given what was known (null: nothing): the later row's values win.</summary>
    public static PupilCharacteristicsRecord Merge(PupilCharacteristicsRecord? known, PupilCharacteristicsRecord read) =>
        known is null ? read : read.AsOf >= known.AsOf ? read.Over(known) : known.Over(read);

    public bool GivesResidency => HomeLaCode is not null || DfeHome is not null;

    public bool GivesAnything => Ethnicity is not null || Eal is not null || SenNeed is not null || GivesResidency;
}

/// <summary>
/// A DfE row's LAs, by UKPRN: where the pupil lives and the LA that maintains the school. The pupil is resident when the home
/// LA is the LA served, whose UKPRN the warehouse learns from DfE rows (<see cref="Schema.Warehouse.ServedLocalAuthority.ReadUkprn"/>).
/// </summary>
public sealed record DfeHomeLa(string HomeUkprn, string? HomeName, string SchoolUkprn);

using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// Which pupils an LA figure covers by where they live and where they are educated. The LA's schools are the default (every
/// figure before residency was loaded, unchanged); the DfE resident-pupil download adds the LA's resident pupils at other LAs'
/// schools. A pupil whose home LA is not known counts only at the LA's schools. Per school figures are the school's own.
/// </summary>
public enum LaPopulation
{
    /// <summary>Pupils at the LA's schools, wherever they live.</summary>
    LaSchools,
    /// <summary>The LA's resident pupils, wherever they are educated.</summary>
    Residents,
    /// <summary>The LA's resident pupils at other LAs' schools.</summary>
    ResidentsElsewhere,
    /// <summary>Pupils at the LA's schools who live in another LA.</summary>
    NonResidents,
    /// <summary>Both: pupils at the LA's schools or resident in the LA.</summary>
    LaSchoolsOrResidents,
    /// <summary>Every enrolment loaded, at any school: the Virtual School's, whose cohort memberships are the LA's own children.</summary>
    AnySchool,
}

public static class LaPopulationSql
{
    /// <summary>
    /// The condition on a row (alias prefix, e.g. "a.", with urn and pupil_id columns) that keeps the population; null when
    /// every row is kept. <paramref name="otherLaSchools"/> false: no row the statement reads is outside the LA's schools (none
    /// is loaded, <see cref="ServedLocalAuthority.HoldsOtherEnrolments"/>, or the request names only the LA's schools), so
    /// "at the LA's schools" needs no test and "elsewhere" is no row. Constant SQL.
    /// </summary>
    public static string? Condition(LaPopulation population, string alias, bool otherLaSchools)
    {
        var atSchools = otherLaSchools ? $"{alias}urn IN ({ServedLocalAuthority.SchoolsSql})" : null;
        var elsewhere = otherLaSchools ? $"{alias}urn NOT IN ({ServedLocalAuthority.SchoolsSql})" : "FALSE";
        var resident = $"{alias}pupil_id IN ({ServedLocalAuthority.ResidentPupilsSql})";
        return population switch
        {
            LaPopulation.LaSchools => atSchools,
            LaPopulation.Residents => resident,
            LaPopulation.ResidentsElsewhere => $"{elsewhere} AND {resident}",
            LaPopulation.NonResidents => $"{atSchools ?? "TRUE"} AND {alias}pupil_id IN ({ServedLocalAuthority.NonResidentPupilsSql})",
            LaPopulation.LaSchoolsOrResidents => atSchools is null ? null : $"({atSchools} OR {resident})",
            LaPopulation.AnySchool => null,
            _ => throw new ArgumentOutOfRangeException(nameof(population)),
        };
    }
}

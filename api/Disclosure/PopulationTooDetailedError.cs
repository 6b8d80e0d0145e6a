using GraphQL;

namespace AttendanceGraph.Api.Disclosure;

/// <summary>A residency population, residency breakdown or Virtual School figure asked of a protected role below the level it is published at, or beyond its reach (<see cref="ProtectedAggregates"/>).</summary>
public sealed class PopulationTooDetailedError : ExecutionError
{
    public const string ErrorCode = "POPULATION_TOO_DETAILED";

    public PopulationTooDetailedError() : this(
        "figures by residence (population RESIDENT, RESIDENT_ELSEWHERE, LIVING_ELSEWHERE or AT_LA_SCHOOLS_OR_RESIDENT) are published to " +
        "this role for the whole LA only, without phases, cohorts, schools, characteristic breakdowns or filters, as is a breakdown or " +
        "filter by RESIDENCY; Virtual School figures (which count other LAs' schools) without characteristic breakdowns or filters once " +
        "another LA's school is loaded, and never by RESIDENCY: two populations that differ only by pupils living or educated elsewhere " +
        "would tell whether a small group has any such pupil")
    {
    }

    private PopulationTooDetailedError(string message) : base(message) => Code = ErrorCode;

    /// <summary>A population reaching other LAs' schools asked by the virtual-school role for a cohort that is its only at the LA's schools.</summary>
    public static PopulationTooDetailedError LaSchoolsOnlyCohort() => new(
        "previously looked-after children are the Virtual School's only while educated at the LA's schools: a population reaching other " +
        "LAs' schools (RESIDENT, RESIDENT_ELSEWHERE, AT_LA_SCHOOLS_OR_RESIDENT) is not available to this role for them");
}

using GraphQL;

namespace AttendanceGraph.Api.Disclosure;

/// <summary>A residency population, residency breakdown or Virtual School figure asked of a protected role below the level it is published at (<see cref="ProtectedAggregates"/>).</summary>
public sealed class PopulationTooDetailedError : ExecutionError
{
    public const string ErrorCode = "POPULATION_TOO_DETAILED";

    public PopulationTooDetailedError() : base(
        "figures by residence (population RESIDENT, RESIDENT_ELSEWHERE, LIVING_ELSEWHERE or AT_LA_SCHOOLS_OR_RESIDENT) are published to " +
        "this role for the whole LA or a phase of more than one of its schools only, without cohorts, schools, characteristic breakdowns or " +
        "filters, as is a breakdown or filter by RESIDENCY; Virtual School figures (which count other LAs' schools) without characteristic " +
        "breakdowns or filters once another LA's school is loaded, and never by RESIDENCY: two populations that differ only by pupils " +
        "living or educated elsewhere would tell whether a small group has any such pupil") => Code = ErrorCode;
}

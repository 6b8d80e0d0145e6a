using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// Rules of DfE's resident-pupil download: the LA's resident pupils at other LAs' schools, in the pupil-level file's columns.
/// A row at a school the warehouse does not know describes that school (URN, name, phase, the LA that maintains it, by
/// UKPRN and name), which is kept as another LA's school. Only a row that says the pupil lives outside the school's LA may do
/// so: a school of the LA itself must come from the schools file (GIAS), or its pupils would silently leave the LA's figures.
/// </summary>
public static class ResidencyRules
{
    public const string SchoolName = "school_name", Phase = "phase", SchoolLaName = "school_local_authority_name",
        HomeLaName = "home_local_authority_name";

    /// <summary>
    /// Why a row at an unknown school cannot describe it, or null when it can. <paramref name="unknown"/> is the rejection a
    /// row at an unknown school gets when it does not say where its pupil lives (as before residency was loaded).
    /// </summary>
    public static RowProblem? LearnedSchool(RowProblem unknown, DfeHomeLa? las, string? servedUkprn, string name, string schoolLaName, string phase,
        out string? statisticsPhase)
    {
        statisticsPhase = null;
        if (las is null || las.HomeUkprn == las.SchoolUkprn) return unknown;
        if (las.SchoolUkprn == servedUkprn)
            return unknown with { Detail = unknown.Detail + $" (its LA, UKPRN {las.SchoolUkprn}, is the LA's own: add it to the schools file)" };
        if (name.Length == 0) return RowProblem.Missing(SchoolName);
        if (schoolLaName.Length == 0) return RowProblem.Missing(SchoolLaName);
        statisticsPhase = phase.Trim().ToLowerInvariant() switch
        {
            "primary" => "Primary",
            "secondary" or "all-through" => "Secondary",
            "special" => "Special",
            "" => null,
            _ => "Other",
        };
        return statisticsPhase is null ? RowProblem.Missing(Phase) : null;
    }
}

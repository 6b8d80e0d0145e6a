namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// Which DfE method counts the persistent and severe absence enrolments (shared/domain, dfe-pupil-attendance-file.md,
/// "Live" versus official methodology). Official (census-based) statistics count every enrolment with a possible
/// session; VYED's in-year "live" figures leave out enrolments with <see cref="MeasureDefinitions.LiveMaximumExcludedPossibleSessions"/>
/// or fewer possible sessions, so an LA reproducing what its schools see there needs the live method.
/// </summary>
public enum Methodology
{
    Official,
    Live,
}

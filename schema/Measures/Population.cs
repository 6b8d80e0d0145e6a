namespace AttendanceGraph.Schema.Measures;

/// <summary>Whose sessions count: everyone, a cohort's (only while in it), or everyone else's for a cohort gap.</summary>
public enum Population
{
    AllPupils,
    Cohort,
    RestOfPupils,
}

namespace AttendanceGraph.Schema.Cohorts;

/// <summary>The cohort codes that appear in the LA's membership files.</summary>
public static class MembershipCohort
{
    public const string SenSupport = "SEN_SUPPORT";
    public const string EhcPlan = "EHC_PLAN";
    public const string ChildInNeed = "CHILD_IN_NEED";
    public const string ChildProtectionPlan = "CHILD_PROTECTION_PLAN";
    public const string LookedAfter = "LOOKED_AFTER";
    public const string PreviouslyLookedAfter = "PREVIOUSLY_LOOKED_AFTER";
    public const string Fsm = "FSM";

    public static IReadOnlyList<string> All { get; } =
        [SenSupport, EhcPlan, ChildInNeed, ChildProtectionPlan, LookedAfter, PreviouslyLookedAfter, Fsm];

    /// <summary>
    /// The cohorts a Virtual School Head is responsible for only while the child is educated in the LA's area: the duty
    /// to previously looked-after children (Children Act 1989 s23ZZA, inserted by the Children and Social Work Act 2017;
    /// "Promoting the education of looked-after children and previously looked-after children", DfE 2018) is to those
    /// attending the LA's schools, wherever they live or were in care. Looked-after children are the VSH's at any school,
    /// and children with a social worker are the LA's own cases wherever they are educated.
    /// </summary>
    public static IReadOnlyList<string> VirtualSchoolAtLaSchoolsOnly { get; } = [PreviouslyLookedAfter];
}

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
}

namespace AttendanceGraph.Schema.Cohorts;

/// <summary>
/// A cohort users ask about. Some are unions of membership cohorts (SEND = SEN support or EHC plan; children
/// with a social worker = child in need or child protection plan); a session counts once for the union
/// even when the pupil was in both parts that day.
/// </summary>
public sealed record ReportingCohort(string Key, string Label, IReadOnlyList<string> MembershipCohorts)
{
    public static readonly ReportingCohort SenSupport = new("SEN_SUPPORT", "SEN support", [MembershipCohort.SenSupport]);
    public static readonly ReportingCohort EhcPlan = new("EHC_PLAN", "EHC plan", [MembershipCohort.EhcPlan]);
    public static readonly ReportingCohort Send = new("SEND", "SEND (SEN support or EHC plan)",
        [MembershipCohort.SenSupport, MembershipCohort.EhcPlan]);
    public static readonly ReportingCohort ChildInNeed = new("CHILD_IN_NEED", "Child in need", [MembershipCohort.ChildInNeed]);
    public static readonly ReportingCohort ChildProtectionPlan = new("CHILD_PROTECTION_PLAN", "Child protection plan",
        [MembershipCohort.ChildProtectionPlan]);
    public static readonly ReportingCohort SocialWorker = new("SOCIAL_WORKER",
        "Children with a social worker (child in need or child protection plan)",
        [MembershipCohort.ChildInNeed, MembershipCohort.ChildProtectionPlan]);
    public static readonly ReportingCohort LookedAfter = new("LOOKED_AFTER", "Looked-after children", [MembershipCohort.LookedAfter]);
    public static readonly ReportingCohort PreviouslyLookedAfter = new("PREVIOUSLY_LOOKED_AFTER", "Previously looked-after children",
        [MembershipCohort.PreviouslyLookedAfter]);
    public static readonly ReportingCohort Fsm = new("FSM", "Eligible for free school meals", [MembershipCohort.Fsm]);

    public static IReadOnlyList<ReportingCohort> All { get; } =
        [SenSupport, EhcPlan, Send, ChildInNeed, ChildProtectionPlan, SocialWorker, LookedAfter, PreviouslyLookedAfter, Fsm];

    /// <summary>
    /// The cohorts the LA runs as a virtual school (the Virtual School Head's looked-after children, and the same
    /// view for children with a social worker and previously looked-after children).
    /// </summary>
    public static IReadOnlyList<ReportingCohort> VirtualSchools { get; } = [LookedAfter, SocialWorker, PreviouslyLookedAfter];

    public static ReportingCohort? Find(string key) => All.FirstOrDefault(c => c.Key == key);
}

namespace AttendanceGraph.Schema.Cohorts;

/// <summary>
/// A cohort users ask about. Some are unions of membership cohorts (SEND = SEN support or EHC plan; children
/// with a social worker = child in need or child protection plan); a session counts once for the union
/// even when the pupil was in both parts that day. The statutory cohorts are declared here; an LA's own cohorts
/// (young carers, youth justice, …) are declared in its cohort definitions file and read from the warehouse
/// (<see cref="CohortCatalogue"/>): each is one membership cohort of the same key.
/// </summary>
public sealed record ReportingCohort(string Key, string Label, IReadOnlyList<string> MembershipCohorts)
{
    /// <summary>What the cohort is, for a user choosing it (an LA cohort's declared description).</summary>
    public string Description { get; init; } = "";

    /// <summary>True for the cohorts of DfE's statistics and statutory guidance; false for one the LA declared.</summary>
    public bool Statutory { get; init; } = true;

    /// <summary>An LA-declared cohort: its memberships are loaded under its own key.</summary>
    public static ReportingCohort LocalAuthority(string key, string name, string description) =>
        new(key, name, [key]) { Description = description, Statutory = false };

    public static readonly ReportingCohort SenSupport = new("SEN_SUPPORT", "SEN support", [MembershipCohort.SenSupport])
        { Description = "Pupils with special educational needs receiving SEN support, without an EHC plan." };
    public static readonly ReportingCohort EhcPlan = new("EHC_PLAN", "EHC plan", [MembershipCohort.EhcPlan])
        { Description = "Pupils with an education, health and care plan." };
    public static readonly ReportingCohort Send = new("SEND", "SEND (SEN support or EHC plan)",
        [MembershipCohort.SenSupport, MembershipCohort.EhcPlan])
        { Description = "Pupils with special educational needs and disabilities: SEN support or an EHC plan." };
    public static readonly ReportingCohort ChildInNeed = new("CHILD_IN_NEED", "Child in need", [MembershipCohort.ChildInNeed])
        { Description = "Children in need (Children Act 1989, section 17)." };
    public static readonly ReportingCohort ChildProtectionPlan = new("CHILD_PROTECTION_PLAN", "Child protection plan",
        [MembershipCohort.ChildProtectionPlan])
        { Description = "Children subject to a child protection plan." };
    public static readonly ReportingCohort SocialWorker = new("SOCIAL_WORKER",
        "Children with a social worker (child in need or child protection plan)",
        [MembershipCohort.ChildInNeed, MembershipCohort.ChildProtectionPlan])
        { Description = "Children in need or on a child protection plan: the children with a social worker." };
    public static readonly ReportingCohort LookedAfter = new("LOOKED_AFTER", "Looked-after children", [MembershipCohort.LookedAfter])
        { Description = "Children in the care of the local authority (children in care)." };
    public static readonly ReportingCohort PreviouslyLookedAfter = new("PREVIOUSLY_LOOKED_AFTER", "Previously looked-after children",
        [MembershipCohort.PreviouslyLookedAfter])
        { Description = "Children who left care through adoption, a special guardianship or child arrangements order." };
    public static readonly ReportingCohort Fsm = new("FSM", "Eligible for free school meals", [MembershipCohort.Fsm])
        { Description = "Pupils eligible for free school meals." };

    public static IReadOnlyList<ReportingCohort> All { get; } =
        [SenSupport, EhcPlan, Send, ChildInNeed, ChildProtectionPlan, SocialWorker, LookedAfter, PreviouslyLookedAfter, Fsm];

    /// <summary>
    /// The cohorts the LA runs as a virtual school (the Virtual School Head's looked-after children, and the same
    /// view for children with a social worker and previously looked-after children).
    /// </summary>
    public static IReadOnlyList<ReportingCohort> VirtualSchools { get; } = [LookedAfter, SocialWorker, PreviouslyLookedAfter];

    public static ReportingCohort? Find(string key) => All.FirstOrDefault(c => c.Key == key);

    /// <summary>
    /// Whose enrolments the cohort's virtual school counts: at any school for looked-after children and children with a
    /// social worker, at the LA's schools only for previously looked-after children (<see cref="MembershipCohort.VirtualSchoolAtLaSchoolsOnly"/>).
    /// </summary>
    public Measures.LaPopulation VirtualSchoolReach =>
        VirtualSchoolAtLaSchoolsOnly ? Measures.LaPopulation.LaSchools : Measures.LaPopulation.AnySchool;

    /// <summary>The cohort's virtual school counts the LA's schools only (previously looked-after children).</summary>
    public bool VirtualSchoolAtLaSchoolsOnly => MembershipCohorts.All(MembershipCohort.VirtualSchoolAtLaSchoolsOnly.Contains);
}

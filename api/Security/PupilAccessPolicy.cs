using AttendanceGraph.Api.Data;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Pupils;

namespace AttendanceGraph.Api.Security;

/// <summary>
/// Answers "what may this user see of pupil X / school Y's pupils, and when". Each role is a <see cref="PupilViewer"/>:
/// la-lead everyone at all times; school the dates of its own enrolments (and only its own marks); virtual-school the dates
/// a pupil was looked-after, a child in need or on a child protection plan, wherever on roll, or previously looked-after
/// while on roll at one of the LA's schools (<see cref="MembershipCohort.VirtualSchoolAtLaSchoolsOnly"/>);
/// bi-reader no one. "May see the pupil in a period" is "has a window touching the period"; what is then read is clipped
/// to the windows by the viewer's SQL. Lookups run once per request and period on the request's warehouse snapshot.
/// </summary>
public sealed class PupilAccessPolicy(QueryContext data)
{
    /// <summary>The membership cohorts behind the virtual schools: the virtual-school role's pupils.</summary>
    public static IReadOnlyList<string> VirtualSchoolCohorts { get; } =
        ReportingCohort.VirtualSchools.SelectMany(c => c.MembershipCohorts).Distinct().ToList();

    private static readonly PupilViewer VirtualSchoolViewer = new PupilViewer.Cohorts(VirtualSchoolCohorts);

    private readonly Dictionary<(PupilViewer, Period), IReadOnlySet<string>> cache = new();

    /// <summary>What <paramref name="user"/> sees of pupils, or null for a role that sees no pupil.</summary>
    public static PupilViewer? ViewerFor(AttendanceUser user) => user switch
    {
        { IsLaLead: true } => new PupilViewer.Everyone(),
        { IsVirtualSchool: true } => VirtualSchoolViewer,
        { IsSchool: true, Urn: { } urn } => new PupilViewer.School(urn),
        _ => null,
    };

    /// <summary>Whether the user may list school <paramref name="urn"/>'s pupils at all (virtual-school: only its cohorts among them).</summary>
    public bool MaySeeSchoolPupils(AttendanceUser user, int urn) =>
        user.IsLaLead || user.IsVirtualSchool || (user.IsSchool && user.Urn == urn);

    public bool MaySeePupil(AttendanceUser user, string upn, Period period) => Visible(user, [upn], period).Count == 1;

    /// <summary>The subset of <paramref name="upns"/> the user may see for some day of <paramref name="period"/>.</summary>
    public IReadOnlyList<string> Visible(AttendanceUser user, IEnumerable<string> upns, Period period)
    {
        if (user.IsLaLead) return upns.ToList();
        return ViewerFor(user) is { } viewer ? VisibleTo(viewer, upns, period) : [];
    }

    /// <summary>The subset of <paramref name="upns"/> with an enrolment at school <paramref name="urn"/> overlapping <paramref name="period"/>.</summary>
    public IReadOnlyList<string> OnRoll(int urn, IEnumerable<string> upns, Period period) => VisibleTo(new PupilViewer.School(urn), upns, period);

    private IReadOnlyList<string> VisibleTo(PupilViewer viewer, IEnumerable<string> upns, Period period)
    {
        IReadOnlySet<string> visible;
        lock (cache)
        {
            if (!cache.TryGetValue((viewer, period), out visible!))
                cache[(viewer, period)] = visible = data.Query(c => PupilWindowsQuery.UpnsVisibleIn(c, viewer, period.Start, period.End));
        }
        return upns.Where(visible.Contains).ToList();
    }
}

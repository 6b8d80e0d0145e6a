using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Pupils;
using AttendanceGraph.Tests.Pupils;
using Microsoft.Extensions.DependencyInjection;
using static AttendanceGraph.Tests.Pupils.PupilPatternsAuthority;

namespace AttendanceGraph.Tests.Security;

/// <summary><see cref="PupilAccessPolicy"/> on its own, over the pupil-patterns warehouse.</summary>
[Collection(PupilPatternsCollection.Name)]
public sealed class PupilAccessPolicyTests(PupilPatternsWarehouse warehouse)
{
    private static readonly Period June2025 = Period.Range(new(2025, 6, 2), new(2025, 6, 27));
    private static readonly Period Autumn1 = Period.Range(new(2025, 9, 1), new(2025, 10, 24));
    private static readonly Period Autumn2 = Period.Range(new(2025, 11, 3), new(2025, 12, 19));
    private static readonly string[] Everyone = [A, S, P, R, F, U, H, N, L];

    private static AttendanceUser User(string role, int? urn = null) => new($"policy-{role}", role, urn);

    private IReadOnlyList<string> Visible(AttendanceUser user, Period period)
    {
        using var scope = warehouse.Api.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PupilAccessPolicy>().Visible(user, Everyone, period);
    }

    [Fact]
    public void LaLead_SeesEveryone() => Assert.Equal(Everyone, Visible(User(Roles.LaLead), June2025));

    [Fact]
    public void BiReader_SeesNoOne() => Assert.Empty(Visible(User(Roles.BiReader), Autumn1));

    [Fact]
    public void School_SeesPupilsOnItsRollInThePeriod()
    {
        Assert.Equal(Everyone, Visible(User(Roles.School, Delta), Autumn1)); // L left Delta on 30 Sep
        Assert.DoesNotContain(L, Visible(User(Roles.School, Delta), Autumn2));
        Assert.Equal([L], Visible(User(Roles.School, Epsilon), Autumn1));     // from 1 Oct
        Assert.Empty(Visible(User(Roles.School, Epsilon), June2025));
    }

    [Fact]
    public void VirtualSchool_SeesPupilsInCareOrWithASocialWorkerInThePeriod_WhereverOnRoll()
    {
        Assert.Equal([R, L], Visible(User(Roles.VirtualSchool), Autumn1));   // child in need; looked after
        Assert.Empty(Visible(User(Roles.VirtualSchool), June2025));          // before either membership began
    }

    [Fact]
    public void EachRolesViewer_GivesAMoversWindows_FromItsOwnEnrolmentsOrTheirCare()
    {
        IReadOnlyList<DateWindow> WindowsOf(AttendanceUser user)
        {
            using var c = warehouse.Open();
            var viewer = PupilAccessPolicy.ViewerFor(user)!;
            return PupilWindowsQuery.Of(c, viewer, "SELECT pupil_id FROM pupils WHERE upn = $upn", [("upn", L)]).Values.Single();
        }
        Assert.Equal([new DateWindow(new(2020, 9, 1), new(2025, 9, 30))], WindowsOf(User(Roles.School, Delta)));  // Delta's enrolment
        Assert.Equal([new DateWindow(new(2025, 10, 1), DateWindow.OpenEnd)], WindowsOf(User(Roles.School, Epsilon))); // still on roll
        Assert.Equal([new DateWindow(new(2025, 9, 1), DateWindow.OpenEnd)], WindowsOf(User(Roles.VirtualSchool)));    // in care, open
        Assert.Equal([new DateWindow(DateWindow.OpenStart, DateWindow.OpenEnd)], WindowsOf(User(Roles.LaLead)));
        Assert.Null(PupilAccessPolicy.ViewerFor(User(Roles.BiReader)));
    }

    [Fact]
    public void SchoolPupilLists_AreOwnSchoolOnlyForTheSchoolRole()
    {
        using var scope = warehouse.Api.Services.CreateScope();
        var policy = scope.ServiceProvider.GetRequiredService<PupilAccessPolicy>();
        Assert.True(policy.MaySeeSchoolPupils(User(Roles.School, Delta), Delta));
        Assert.False(policy.MaySeeSchoolPupils(User(Roles.School, Epsilon), Delta));
        Assert.False(policy.MaySeeSchoolPupils(User(Roles.BiReader), Delta));
        Assert.True(policy.MaySeePupil(User(Roles.VirtualSchool), L, Autumn2));
        Assert.False(policy.MaySeePupil(User(Roles.VirtualSchool), A, Autumn2));
    }
}

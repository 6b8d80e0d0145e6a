using AttendanceGraph.Api.Security;

namespace AttendanceGraph.Tests.Api;

/// <summary>
/// The methodology argument through GraphQL on the hand-checked LA (MeasureQueryTests' header), Autumn 1: LIVE leaves
/// out P5 at Beta (10 possible, exactly 10% absent: PA officially) and P6 at Beta (4 possible), so 5 of 7 enrolments
/// remain, 3 of them PA (P2, P4, P7) and 1 SA (P4); the 90 possible and 16 absent sessions are unchanged.
/// </summary>
[Collection(HandCheckedApiCollection.Name)]
public sealed class LiveMethodologyApiTests(HandCheckedApi api)
{
    private const string Autumn1 = "{ academicYear: \"2025/26\", term: AUTUMN, halfTerm: 1 }";

    [Fact]
    public async Task LocalAuthorityAndSchool_AnswerEachMethodology()
    {
        var data = await api.Factory.Data($$"""
            { localAuthority {
                official: measures(period: {{Autumn1}}) { enrolments persistentAbsenceEnrolments persistentAbsenceRate overallAbsenceRate }
                live: measures(period: {{Autumn1}}, methodology: LIVE) { enrolments persistentAbsenceEnrolments persistentAbsenceRate severeAbsenceEnrolments overallAbsenceRate } }
              school(urn: 100002) { measures(period: {{Autumn1}}, methodology: LIVE) { enrolments persistentAbsenceEnrolments possibleSessions } } }
            """);
        var official = data["localAuthority"]!["official"]!;
        var live = data["localAuthority"]!["live"]!;
        Assert.Equal((7, 5, 71.4286), ((int)official["enrolments"]!, (int)official["persistentAbsenceEnrolments"]!, (double)official["persistentAbsenceRate"]!));
        Assert.Equal((5, 3, 60.0, 1), ((int)live["enrolments"]!, (int)live["persistentAbsenceEnrolments"]!, (double)live["persistentAbsenceRate"]!, (int)live["severeAbsenceEnrolments"]!));
        Assert.Equal((double)official["overallAbsenceRate"]!, (double)live["overallAbsenceRate"]!);
        // Beta: P4 alone is counted (P5 has 10 possible, P6 4); its 30 possible sessions all still count.
        var beta = data["school"]!["measures"]!;
        Assert.Equal((1, 1, 30), ((int)beta["enrolments"]!, (int)beta["persistentAbsenceEnrolments"]!, (int)beta["possibleSessions"]!));
    }

    [Fact]
    public async Task UnderDisclosureControl_LiveGoesThroughTheProtectedSource()
    {
        // bi-reader's cells are published by the cell-key method, which needs the live request's own cell keys: a live
        // request measured without them would fail here ("a protected cell was measured without its cell keys").
        var result = await api.Factory.QueryAs(ApiFactory.Token(Roles.BiReader),
            $"{{ localAuthority {{ measures(period: {Autumn1}, methodology: LIVE) {{ enrolments persistentAbsenceRate }} }} }}");
        Assert.Null(result["errors"]);
        Assert.NotNull(result["data"]!["localAuthority"]!["measures"]!["enrolments"]);
    }
}

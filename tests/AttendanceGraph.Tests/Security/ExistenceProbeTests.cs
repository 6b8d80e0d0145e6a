using System.Net.Http.Json;
using AttendanceGraph.Api.Schools;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Identifiers;
using AttendanceGraph.Tests.Pupils;
using static AttendanceGraph.Tests.Pupils.PupilPatternsAuthority;
using static AttendanceGraph.Tests.Security.PupilAccessMatrixTests;

namespace AttendanceGraph.Tests.Security;

/// <summary>
/// A role refused something cannot learn whether it exists: the response to a forbidden pupil or school and to one the
/// warehouse does not hold is the same, byte for byte (the two queries differ only in the identifier asked about). On
/// <see cref="PupilPatternsAuthority"/>: A was never at Epsilon nor in a virtual-school cohort; Delta exists, 999999 does not.
/// </summary>
[Collection(PupilPatternsCollection.Name)]
public sealed class ExistenceProbeTests(PupilPatternsWarehouse warehouse)
{
    private const int NoSuchSchool = 999999;
    private static readonly string NoSuchPupil = Upn.Create(319, 2101, 2019, 99);

    public static TheoryData<string, string, string> ForbiddenAndUnknown() => new()
    {
        { EpsilonSchool, $$"""{ pupil(upn: "{{A}}") { upn } }""", $$"""{ pupil(upn: "{{NoSuchPupil}}") { upn } }""" },
        { Vs, $$"""{ pupil(upn: "{{A}}") { upn } }""", $$"""{ pupil(upn: "{{NoSuchPupil}}") { upn } }""" },
        { EpsilonSchool, $$"""{ node(id: "{{SchoolNodeId.For(Delta)}}") { id } }""", $$"""{ node(id: "{{SchoolNodeId.For(NoSuchSchool)}}") { id } }""" },
        { EpsilonSchool, $$"""{ node(id: "{{SchoolNodeId.For(Delta)}}") { id } }""", """{ node(id: "not-an-id") { id } }""" },
        { EpsilonSchool, $"{{ tsmPack(urn: {Delta}) {{ atRisk }} }}", $"{{ tsmPack(urn: {NoSuchSchool}) {{ atRisk }} }}" },
        { Vs, $"{{ tsmPack(urn: {Delta}) {{ atRisk }} }}", $"{{ tsmPack(urn: {NoSuchSchool}) {{ atRisk }} }}" },
        { EpsilonSchool, $"{{ school(urn: {Delta}) {{ name }} }}", $"{{ school(urn: {NoSuchSchool}) {{ name }} }}" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenAndUnknown))]
    public async Task ForbiddenAndNonexistent_AnswerTheSame(string who, string forbidden, string unknown)
    {
        using var client = warehouse.Api.CreateClient(TokenFor(who));
        async Task<string> Body(string query)
        {
            using var response = await client.PostAsJsonAsync("/graphql", new { query });
            return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        }

        var refused = await Body(forbidden);
        Assert.Contains(ForbiddenError.ErrorCode, refused);
        Assert.Equal(refused, await Body(unknown));
    }
}

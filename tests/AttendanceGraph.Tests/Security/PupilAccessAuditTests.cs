using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Pupils;
using static AttendanceGraph.Tests.Pupils.PupilPatternsAuthority;

namespace AttendanceGraph.Tests.Security;

/// <summary>Pupil-level reads are written to the access audit (who, role, operation, UPNs); aggregate reads are not.</summary>
[Collection(PupilPatternsCollection.Name)]
public sealed class PupilAccessAuditTests(PupilPatternsWarehouse warehouse)
{
    private async Task<List<JsonNode>> EntriesFor(string operation)
    {
        var data = await warehouse.Api.Data("{ accessAudit(first: 500) { nodes { subject role operation upns at } } }");
        return data["accessAudit"]!["nodes"]!.AsArray().Select(n => n!).Where(n => ((string)n["operation"]!).StartsWith(operation + ":", StringComparison.Ordinal)).ToList();
    }

    [Fact]
    public async Task PagingTheAudit_ListsEachEntryOnce_WhilePupilReadsGoOnBeingAudited()
    {
        var operation = $"pagingProbe{Guid.NewGuid():N}";
        async Task Read(int i) => Assert.Null((await warehouse.Api.QueryAs(ApiFactory.LaLeadToken, $"query {operation}{i} {{ pupil(upn: \"{L}\") {{ upn }} }}"))["errors"]);
        async Task<(List<string> Operations, string Cursor)> Page(string? after)
        {
            var data = await warehouse.Api.Data($$"""{ accessAudit(first: 2{{(after is null ? "" : $", after: \"{after}\"")}}) { nodes { operation } pageInfo { endCursor } } }""");
            return (data["accessAudit"]!["nodes"]!.AsArray().Select(n => (string)n!["operation"]!).ToList(), (string)data["accessAudit"]!["pageInfo"]!["endCursor"]!);
        }
        for (var i = 0; i < 3; i++) await Read(i);
        var first = await Page(null);
        Assert.Equal([$"{operation}2:pupil", $"{operation}1:pupil"], first.Operations);
        // Two more reads audited while the auditor pages: the next page goes on from where the first ended.
        await Read(3);
        await Read(4);
        var second = await Page(first.Cursor);
        Assert.Equal($"{operation}0:pupil", second.Operations[0]);
        var bad = await warehouse.Api.Query("""{ accessAudit(after: "not-a-cursor") { totalCount } }""");
        Assert.Equal("BAD_CURSOR", (string?)bad["errors"]?[0]?["extensions"]?["code"]);
    }

    [Fact]
    public async Task PupilRead_WritesAnEntryWithTheUpns_WhichTheLaLeadReadsBack()
    {
        var operation = $"vsProbe{Guid.NewGuid():N}";
        var result = await warehouse.Api.QueryAs(ApiFactory.Token(Roles.VirtualSchool),
            $"query {operation} {{ pupil(upn: \"{L}\") {{ upn cohortMemberships {{ cohort }} }} }}");
        Assert.Null(result["errors"]);
        var entries = await EntriesFor(operation);
        Assert.Equal([$"{operation}:pupil", $"{operation}:pupil.cohortMemberships"], entries.Select(e => (string)e["operation"]!).Order(StringComparer.Ordinal));
        Assert.All(entries, e =>
        {
            Assert.Equal([L], e["upns"]!.AsArray().Select(u => (string)u!));
            Assert.Equal(("test-virtual-school", Roles.VirtualSchool), ((string?)e["subject"], (string?)e["role"]));
        });
    }

    [Fact]
    public async Task TsmPackRead_AuditsEveryPupilMeasured()
    {
        var operation = $"packProbe{Guid.NewGuid():N}";
        await warehouse.Api.QueryAs(ApiFactory.Token(Roles.School, Epsilon),
            $"query {operation} {{ tsmPack(urn: {Epsilon}, period: {{ academicYear: \"2025/26\", term: AUTUMN, halfTerm: 1 }}) {{ atRisk }} }}");
        var entry = Assert.Single(await EntriesFor(operation));
        Assert.Equal([L], entry["upns"]!.AsArray().Select(u => (string)u!));
        Assert.Equal(Roles.School, (string?)entry["role"]);
    }

    [Fact]
    public async Task AggregateRead_WritesNoEntry()
    {
        var operation = $"aggregateProbe{Guid.NewGuid():N}";
        var result = await warehouse.Api.QueryAs(ApiFactory.LaLeadToken,
            $"query {operation} {{ localAuthority {{ measures {{ overallAbsenceRate }} }} virtualSchool {{ measures {{ enrolments }} }} schools {{ totalCount }} }}");
        Assert.Null(result["errors"]);
        Assert.Empty(await EntriesFor(operation));
    }

    [Fact]
    public async Task RefusedRead_WritesNoEntry()
    {
        var operation = $"refusedProbe{Guid.NewGuid():N}";
        var result = await warehouse.Api.QueryAs(ApiFactory.Token(Roles.VirtualSchool), $"query {operation} {{ pupil(upn: \"{A}\") {{ upn }} }}");
        Assert.Equal("FORBIDDEN", (string?)result["errors"]![0]!["extensions"]!["code"]);
        Assert.Empty(await EntriesFor(operation));
    }
}

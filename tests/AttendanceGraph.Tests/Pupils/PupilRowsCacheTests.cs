using System.Text.Json.Nodes;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Security;
using Microsoft.Extensions.DependencyInjection;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Pupils;

/// <summary>
/// Pupil-level rows are computed once per snapshot, scope, period and viewer (PupilRowsCache): the pages of a TSM pack
/// after the first read no marks, and a role never gets rows computed for another's windows. On the hand-checked LA,
/// P6 entered care on 8 September: the Virtual School sees his sessions from then, the la-lead all of them.
/// </summary>
public sealed class PupilRowsCacheTests : IDisposable
{
    private const string Period = "{ academicYear: \"2025/26\" }";
    private readonly HandCheckedWarehouse warehouse = new();

    [Fact]
    public async Task TheNextPageOfATsmPack_IsServedFromTheRowsTheFirstPageComputed()
    {
        using var api = new ApiFactory(warehouse.Paths.Root);
        var first = await api.Data($$"""{ tsmPack(urn: {{Beta}}, period: {{Period}}) { pupils(first: 1) { pageInfo { endCursor } nodes { upn } } } }""");
        var cursor = first["tsmPack"]!["pupils"]!["pageInfo"]!["endCursor"]!.ToString();
        var rows = api.Services.GetRequiredService<PupilRowsCache>();
        Assert.Equal(1, rows.Computed);
        var second = await api.Data($$"""{ tsmPack(urn: {{Beta}}, period: {{Period}}) { pupils(first: 1, after: "{{cursor}}") { nodes { upn } } } }""");

        Assert.NotEqual(first["tsmPack"]!["pupils"]!["nodes"]![0]!["upn"]!.ToString(), second["tsmPack"]!["pupils"]!["nodes"]![0]!["upn"]!.ToString());
        Assert.Equal(1, rows.Computed);
    }

    [Fact]
    public async Task RowsComputedForOneRole_AreNeverServedToAnother()
    {
        const string query = $$"""{ virtualSchool { pupils(period: {{Period}}) { nodes { upn measures { possibleSessions } } } } }""";
        var virtualSchool = ApiFactory.Token(Roles.VirtualSchool);

        JsonNode alone;
        using (var fresh = new ApiFactory(warehouse.Paths.Root)) alone = await Pupils(fresh, virtualSchool, query);
        using var api = new ApiFactory(warehouse.Paths.Root);
        var asLead = await Pupils(api, ApiFactory.LaLeadToken, query);
        var afterLead = await Pupils(api, virtualSchool, query);

        Assert.NotEqual(asLead.ToJsonString(), alone.ToJsonString()); // the two roles see P6 differently
        Assert.Equal(alone.ToJsonString(), afterLead.ToJsonString());
    }

    private static async Task<JsonNode> Pupils(ApiFactory api, string token, string query)
    {
        var body = await api.QueryAs(token, query);
        Assert.Null(body["errors"]);
        return body["data"]!["virtualSchool"]!["pupils"]!["nodes"]!;
    }

    public void Dispose() => warehouse.Dispose();
}

using System.Text.Json.Nodes;
using AttendanceGraph.Api.Http;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Http;
using AttendanceGraph.Tests.Http.Support;
using AttendanceGraph.Tests.Pupils;
using static AttendanceGraph.Tests.Pupils.PupilPatternsAuthority;

namespace AttendanceGraph.Tests.Api;

/// <summary>The real schema's prices: pupil-level entry fields and introspection (appsettings.json: cap 5000, 4 pupil fields).</summary>
[Collection(PupilPatternsCollection.Name)]
public sealed class QueryBudgetTests(PupilPatternsWarehouse warehouse)
{
    private const string Period = "{ academicYear: \"2025/26\", term: AUTUMN, halfTerm: 1 }";

    [Fact]
    public async Task Post_AsManyTsmPacksAsPupilFieldsPerRequest_Execute()
    {
        var (operation, result) = await Packs(PupilFieldCost.DefaultFieldsPerRequest);

        Assert.Null(result["errors"]);
        Assert.Equal(PupilFieldCost.DefaultFieldsPerRequest, (await AuditEntries(operation)).Count);
    }

    [Fact]
    public async Task Post_OneTsmPackMoreThanPupilFieldsPerRequest_IsRefusedBeforeAnyPupilIsRead()
    {
        var (operation, result) = await Packs(PupilFieldCost.DefaultFieldsPerRequest + 1);

        Assert.Null(result["data"]);
        Assert.Contains("too complex", (string)result["errors"]![0]!["message"]!);
        Assert.Empty(await AuditEntries(operation));
    }

    [Fact]
    public async Task Post_AHundredAliasedTsmPacks_AreRefusedBeforeParsingNamingMaxAliases()
    {
        var (operation, result) = await Packs(100);

        Assert.Equal(DocumentLimitError.ErrorCode, (string?)result["errors"]![0]!["extensions"]!["code"]);
        Assert.Contains(nameof(DocumentLimits.MaxAliases), (string)result["errors"]![0]!["message"]!);
        Assert.Empty(await AuditEntries(operation));
    }

    [Fact]
    public async Task Post_GraphiQLsIntrospectionQuery_FitsTheIntrospectionBudget()
    {
        var result = await warehouse.Api.Query(IntrospectionQueries.Full);

        Assert.Null(result["errors"]);
        Assert.Equal("Query", (string?)result["data"]!["__schema"]!["queryType"]!["name"]);
    }

    [Fact]
    public async Task Post_TwoAliasedSchemaListings_AreRefusedAsTooComplex()
    {
        var result = await warehouse.Api.Query(HostileDocuments.Aliased(2, "__schema { types { name } }"));

        Assert.Null(result["data"]);
        Assert.Contains("IntrospectionMaxSchemaListings", (string)result["errors"]![0]!["message"]!);
    }

    private async Task<(string Operation, JsonObject Result)> Packs(int count)
    {
        var operation = $"budget{Guid.NewGuid():N}";
        var packs = string.Join(' ', Enumerable.Range(0, count).Select(i => $"p{i}: tsmPack(urn: {Epsilon}, period: {Period}) {{ atRisk }}"));
        return (operation, await warehouse.Api.Query($"query {operation} {{ {packs} }}"));
    }

    private async Task<List<JsonNode>> AuditEntries(string operation)
    {
        var data = await warehouse.Api.Data("{ accessAudit(first: 500) { nodes { operation } } }");
        return data["accessAudit"]!["nodes"]!.AsArray().Select(n => n!)
            .Where(n => ((string)n["operation"]!).StartsWith(operation + ":", StringComparison.Ordinal)).ToList();
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using static AttendanceGraph.Tests.Exports.ExportReadBack;

namespace AttendanceGraph.Tests.Exports;

/// <summary>CSV's framing, flattening and refusals, over the hand-checked warehouse (its school names need quoting).</summary>
[Collection(HandCheckedApiCollection.Name)]
public sealed class ExportTests(HandCheckedApi api)
{
    private const string Period = "{ academicYear: \"2025/26\" }";

    [Fact]
    public async Task AcceptTextCsv_WithExcelBom_IsRfc4180WithAHeaderRow()
    {
        using var client = api.Factory.CreateClient(ApiFactory.Token(Roles.LaLead));
        using var request = new HttpRequestMessage(HttpMethod.Get,
            "/graphql?bom=true&query=" + Uri.EscapeDataString("{ schools(first: 100) { nodes { urn name phase } } }"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("utf-8", response.Content.Headers.ContentType!.CharSet);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("urn,name,phase\r\n", text);
        // "Béta Primary School, The": a comma inside a field is quoted, and the accent survives UTF-8.
        Assert.Contains("\"Béta Primary School, The\"", text);
        Assert.EndsWith("\r\n", text);
    }

    [Fact]
    public async Task NestedObjects_AreFlattenedIntoColumns()
    {
        using var client = api.Factory.CreateClient(ApiFactory.Token(Roles.LaLead));
        var query = $"{{ schools(first: 100) {{ nodes {{ urn measures(period: {Period}) {{ enrolments overallAbsenceRate }} }} }} }}";

        using var response = await client.GetAsync("/graphql?format=csv&query=" + Uri.EscapeDataString(query));
        var (header, rows) = ReadFile(await response.Content.ReadAsByteArrayAsync(), "csv");

        Assert.Equal(["urn", "measures_enrolments", "measures_overallAbsenceRate"], header);
        Assert.Equal(3, rows.Count);
    }

    [Theory]
    [InlineData("{ localAuthority { name } }")]
    [InlineData("{ schools { nodes { urn } } cohorts { cohort } }")]
    [InlineData("{ schools { nodes { urn measures { codes { code } } } } }")]
    public async Task NotOneListOfScalarRows_Is406NotFlat(string query)
    {
        using var client = api.Factory.CreateClient(ApiFactory.Token(Roles.LaLead));

        using var response = await client.GetAsync("/graphql?format=csv&query=" + Uri.EscapeDataString(query));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("NOT_FLAT", (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task AnExportThatFails_AnswersTheJsonErrorsWithAFailureStatus()
    {
        // accessAudit is la-lead only: as bi-reader the field fails, so there is no file, and the refresh must not succeed.
        using var client = api.Factory.CreateClient(ApiFactory.Token(Roles.BiReader));

        using var response = await client.GetAsync("/graphql?format=csv&query=" + Uri.EscapeDataString("{ accessAudit { nodes { at } } }"));

        Assert.True((int)response.StatusCode >= 400, response.StatusCode.ToString());
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task UnknownFormat_Is400()
    {
        using var client = api.Factory.CreateClient(ApiFactory.Token(Roles.LaLead));

        using var response = await client.GetAsync("/graphql?format=xlsx&query=" + Uri.EscapeDataString("{ schools { nodes { urn } } }"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

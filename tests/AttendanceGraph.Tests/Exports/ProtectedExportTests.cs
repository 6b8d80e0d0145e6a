using System.Net;
using System.Net.Http.Json;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using static AttendanceGraph.Tests.Exports.ExportReadBack;

namespace AttendanceGraph.Tests.Exports;

/// <summary>
/// CSV and Parquet through the real HTTP pipeline, read back by DuckDB, equal the JSON answer row for row: the school ×
/// week table of a generated LA (24 schools), 50 rows a page so every export must follow the cursor, as la-lead (exact)
/// and as bi-reader, whose protected values (null where withheld) must come out exactly where JSON has them.
/// </summary>
public sealed class ProtectedExportTests(BatchingTests.GeneratedLa la) : IClassFixture<BatchingTests.GeneratedLa>, IDisposable
{
    private readonly ApiFactory api = new(la.Paths.Root);

    private const string Period = "{ academicYear: \"2025/26\" }";

    private const string SchoolWeekTable = $$"""
        query ($first: Int, $after: String) {
          measureTable(groupBy: SCHOOL, grain: WEEK, period: {{Period}}, first: $first, after: $after) {
            pageInfo { hasNextPage endCursor }
            nodes { urn laestab schoolName phase periodLabel periodStart enrolments possibleSessions overallAbsenceSessions
                    overallAbsenceRate persistentAbsenceEnrolments persistentAbsenceRate severeAbsenceRate }
          }
        }
        """;

    [Theory]
    [InlineData(Roles.BiReader, "csv")]
    [InlineData(Roles.BiReader, "parquet")]
    [InlineData(Roles.LaLead, "csv")]
    [InlineData(Roles.LaLead, "parquet")]
    public async Task SchoolByWeekTable_EveryPage_EqualsTheJsonRows(string role, string format)
    {
        using var client = api.CreateClient(ApiFactory.Token(role));
        var json = await JsonPages(client, SchoolWeekTable, after => new { first = 50, after }, "measureTable");
        Assert.True(json.Count > 200, $"the table should span several pages, has {json.Count} rows");

        using var response = await client.PostAsJsonAsync($"/graphql?format={format}", new { query = SchoolWeekTable, variables = new { first = 50 } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(format == "csv" ? "text/csv" : "application/vnd.apache.parquet", response.Content.Headers.ContentType!.MediaType);
        AssertSameRows(json, ReadFile(await response.Content.ReadAsByteArrayAsync(), format), format);
    }

    /// <summary>
    /// Every null of the JSON answer is a null in the file, in the same cell. By phase, urn and school name are null on
    /// every row, and whatever the protection withholds (session counts of protected cells, as it is published) adds to them.
    /// </summary>
    [Fact]
    public async Task BiReader_NullsAndWithheldValues_StayNullInEveryFormat()
    {
        var byPhase = SchoolWeekTable.Replace("groupBy: SCHOOL", "groupBy: PHASE");
        using var client = api.CreateClient(ApiFactory.Token(Roles.BiReader));
        var json = await JsonPages(client, byPhase, after => new { first = 50, after }, "measureTable");
        var nulls = json.Sum(r => r.Count(cell => cell.Value is null));
        Assert.True(nulls >= 2 * json.Count, $"{nulls} nulls in {json.Count} rows");

        foreach (var format in new[] { "csv", "parquet" })
        {
            using var response = await client.PostAsJsonAsync($"/graphql?format={format}", new { query = byPhase, variables = new { first = 50 } });
            var file = ReadFile(await response.Content.ReadAsByteArrayAsync(), format);
            AssertSameRows(json, file, format);
            Assert.Equal(nulls, file.Rows.Sum(r => r.Count(cell => cell is null)));
        }
    }

    public void Dispose() => api.Dispose();
}

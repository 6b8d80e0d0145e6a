using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Etl.Cli;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Security;

/// <summary>API keys for BI tools: created, listed and revoked by la-lead (mutation and CLI), used in a header or the
/// query string, refused at once when revoked or expired, limited to persisted documents when created so, audited.</summary>
[Collection(HandCheckedApiCollection.Name)]
public sealed class ApiKeyTests(HandCheckedApi api)
{
    private const string Create = """
        mutation ($name: String!, $role: ApiKeyRole!, $urn: Int, $persistedOnly: Boolean) {
          createApiKey(name: $name, role: $role, urn: $urn, expiresAt: "2099-01-01T00:00:00Z", persistedOnly: $persistedOnly) {
            secret apiKey { id name role urn persistedOnly } errors { code message } } }
        """;

    private async Task<(int Id, string Secret)> CreateKey(string name, string role = "BI_READER", int? urn = null, bool persistedOnly = false)
    {
        var data = await api.Factory.Data(Create, new { name, role, urn, persistedOnly });
        var payload = data["createApiKey"]!;
        Assert.Empty(payload["errors"]!.AsArray());
        return ((int)payload["apiKey"]!["id"]!, (string)payload["secret"]!);
    }

    private HttpClient KeyClient(string? headerKey = null)
    {
        var client = api.Factory.CreateClient("");
        if (headerKey is not null) client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, headerKey);
        return client;
    }

    [Fact]
    public async Task AKey_InTheHeaderOrTheQueryString_ActsAsItsRole_AndItsUseIsRecorded()
    {
        var (id, secret) = await CreateKey("header and query");

        using var header = KeyClient(secret);
        using var byHeader = await header.PostAsJsonAsync("/graphql", new { query = "{ cohorts { cohort } }" });
        using var audit = await header.PostAsJsonAsync("/graphql", new { query = "{ accessAudit { totalCount } }" });
        using var query = KeyClient();
        using var byQuery = await query.GetAsync("/graphql?api_key=" + Uri.EscapeDataString(secret) + "&query=" + Uri.EscapeDataString("{ cohorts { cohort } }"));

        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
        var body = JsonNode.Parse(await byHeader.Content.ReadAsStringAsync())!;
        Assert.NotEmpty(body["data"]!["cohorts"]!.AsArray());
        Assert.Contains("FORBIDDEN", await audit.Content.ReadAsStringAsync()); // a bi-reader key: no audit log
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        var listed = (await api.Factory.Data("{ apiKeys { id uses lastUsedAt prefix } }"))["apiKeys"]!.AsArray().Single(k => (int)k!["id"]! == id)!;
        Assert.Equal(3, (int)listed["uses"]!);
        Assert.NotNull(listed["lastUsedAt"]);
        Assert.StartsWith((string)listed["prefix"]!, secret);
    }

    [Fact]
    public async Task OnlyTheHashIsStored()
    {
        var (id, secret) = await CreateKey("hashed");

        using var db = OperationalDb.Open(api.Warehouse.Paths.OperationalStore);
        var stored = db.ApiKeys.Single(k => k.Id == id);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))), stored.SecretHash);
        Assert.DoesNotContain(secret, System.Text.Json.JsonSerializer.Serialize(stored));
    }

    [Fact]
    public async Task ARevokedKey_Gets401OnItsNextRequest()
    {
        var (id, secret) = await CreateKey("revoked");
        using var client = KeyClient(secret);
        using var before = await client.PostAsJsonAsync("/graphql", new { query = "{ cohorts { cohort } }" });

        await api.Factory.Data($"mutation {{ revokeApiKey(id: {id}) {{ revokedAt }} }}");
        using var after = await client.PostAsJsonAsync("/graphql", new { query = "{ cohorts { cohort } }" });

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnExpiredKey_Gets401()
    {
        var (id, secret) = await CreateKey("expires");
        using (var db = OperationalDb.Open(api.Warehouse.Paths.OperationalStore))
        {
            db.ApiKeys.Single(k => k.Id == id).ExpiresAt = DateTime.UtcNow.AddSeconds(-1);
            db.SaveChanges();
        }
        using var client = KeyClient(secret);

        using var response = await client.PostAsJsonAsync("/graphql", new { query = "{ cohorts { cohort } }" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownKey_Gets401_EvenWithAValidTokenBeside()
    {
        using var client = api.Factory.CreateClient(ApiFactory.LaLeadToken);
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, "agk_not-a-key");

        using var response = await client.PostAsJsonAsync("/graphql", new { query = "{ cohorts { cohort } }" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task APersistedOnlyKey_RunsDocumentsButNotText()
    {
        var (_, secret) = await CreateKey("persisted only", persistedOnly: true);
        using var client = KeyClient(secret);
        var id = (await client.GetFromJsonAsync<JsonObject>("/graphql/documents"))!["documents"]!.AsArray()
            .Single(d => (string?)d!["name"] == "bi/cohort-gaps")!["id"]!.ToString();

        using var text = await client.PostAsJsonAsync("/graphql", new { query = "{ cohorts { cohort } }" });
        using var persisted = await client.GetAsync("/graphql?documentId=" + id);

        Assert.Equal(HttpStatusCode.Forbidden, text.StatusCode);
        Assert.Equal(HttpStatusCode.OK, persisted.StatusCode);
    }

    [Fact]
    public async Task ASchoolKey_SeesItsSchool_AndItsPupilReadsAreAuditedUnderTheKey()
    {
        var (id, secret) = await CreateKey("alpha tsm", "SCHOOL", HandCheckedAuthority.Alpha);
        using var client = KeyClient(secret);

        using var response = await client.PostAsJsonAsync("/graphql", new
        {
            query = $"{{ tsmPack(urn: {HandCheckedAuthority.Alpha}, period: {{ academicYear: \"2025/26\" }}) {{ pupils {{ nodes {{ upn }} }} }} }}",
        });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.True(body["errors"] is null, body.ToJsonString());
        var audit = (await api.Factory.Data("{ accessAudit(first: 50) { nodes { subject role } } }"))["accessAudit"]!["nodes"]!.AsArray();
        Assert.Contains(audit, e => ((string?)e!["subject"])!.StartsWith($"api-key:{id}:", StringComparison.Ordinal) && (string?)e["role"] == Roles.School);
    }

    [Theory]
    [InlineData("SCHOOL", null)]
    [InlineData("BI_READER", 100001)]
    public async Task InconsistentRoleAndUrn_IsAUserError(string role, int? urn)
    {
        var data = await api.Factory.Data(Create, new { name = "bad", role, urn, persistedOnly = true });

        Assert.Null(data["createApiKey"]!["secret"]);
        Assert.Equal("BAD_API_KEY_INPUT", (string?)data["createApiKey"]!["errors"]![0]!["code"]);
    }

    [Fact]
    public async Task OnlyLaLead_ManagesKeys()
    {
        var (_, secret) = await CreateKey("cannot mint");
        using var client = KeyClient(secret);

        using var response = await client.PostAsJsonAsync("/graphql", new { query = Create, variables = new { name = "x", role = "BI_READER" } });

        Assert.Contains("FORBIDDEN", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Cli_CreatesListsAndRevokes()
    {
        var warehouse = api.Warehouse.Paths.Root;
        var output = new StringWriter();

        var created = EtlProgram.Run(["api-key", "create", "--name", "cli key", "--role", "bi-reader", "--expires", "2099-01-01", "--warehouse", warehouse], output, output);
        var secret = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
        var id = int.Parse(output.ToString().Split(' ')[2]);
        var listed = EtlProgram.Run(["api-key", "list", "--warehouse", warehouse], output, output);
        var revoked = EtlProgram.Run(["api-key", "revoke", "--id", id.ToString(), "--warehouse", warehouse], output, output);

        Assert.Equal([0, 0, 0], new[] { created, listed, revoked });
        Assert.StartsWith("agk_", secret);
        Assert.Contains("persisted documents only", output.ToString());
        Assert.Contains($"revoked key {id} 'cli key'", output.ToString());
        using var db = OperationalDb.Open(api.Warehouse.Paths.OperationalStore);
        Assert.NotNull(db.ApiKeys.Single(k => k.Id == id).RevokedAt);
    }

    /// <summary>
    /// A school key is made only for one of the LA's schools: one for an unknown URN or another LA's school (Merton's, in
    /// the fixture's GIAS rows) was made and answered nothing but NOT_FOUND.
    /// </summary>
    [Theory]
    [InlineData(999999)]
    [InlineData(HandCheckedAuthority.Merton)]
    public async Task ASchoolKey_ForAUrnNotOfTheLasSchools_IsAUserError_InTheApiAndTheCli(int urn)
    {
        var data = await api.Factory.Data(Create, new { name = "not ours", role = "SCHOOL", urn, persistedOnly = true });
        Assert.Null(data["createApiKey"]!["secret"]);
        var error = data["createApiKey"]!["errors"]![0]!;
        Assert.Equal("BAD_API_KEY_INPUT", (string?)error["code"]);
        Assert.Contains($"URN {urn} is not one of the local authority's schools", (string?)error["message"]);

        var output = new StringWriter();
        var exit = EtlProgram.Run(["api-key", "create", "--name", "not ours", "--role", "school", "--urn", urn.ToString(), "--expires", "2099-01-01",
            "--warehouse", api.Warehouse.Paths.Root], output, output);
        Assert.NotEqual(0, exit);
        Assert.Contains($"URN {urn} is not one of the local authority's schools", output.ToString());
        using var db = OperationalDb.Open(api.Warehouse.Paths.OperationalStore);
        Assert.DoesNotContain(db.ApiKeys, k => k.Urn == urn);
    }

    [Fact]
    public void Cli_CreatesASchoolKey_ForOneOfTheLasSchools_AndRefusesOneBeforeAnyLoad()
    {
        var output = new StringWriter();
        var created = EtlProgram.Run(["api-key", "create", "--name", "alpha's key", "--role", "school", "--urn", HandCheckedAuthority.Alpha.ToString(),
            "--expires", "2099-01-01", "--warehouse", api.Warehouse.Paths.Root], output, output);
        Assert.Equal(0, created);
        Assert.Contains($"(school {HandCheckedAuthority.Alpha})", output.ToString());

        using var empty = new TempDirectory();
        var refused = EtlProgram.Run(["api-key", "create", "--name", "too soon", "--role", "school", "--urn", HandCheckedAuthority.Alpha.ToString(),
            "--expires", "2099-01-01", "--warehouse", empty.Path], output, output);
        Assert.NotEqual(0, refused);
        Assert.Contains("nothing has been loaded into this warehouse yet", output.ToString());
    }
}

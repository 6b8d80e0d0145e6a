using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Hosting;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Pupils;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AttendanceGraph.Tests.Api;

/// <summary>The per-user token bucket (RateLimit section), with a burst of 2 and no refill within a test.</summary>
[Collection(PupilPatternsCollection.Name)]
public sealed class RateLimitTests(PupilPatternsWarehouse warehouse)
{
    private const string Cheap = "{ localAuthority { measures { enrolments } } }";

    [Fact]
    public async Task Post_BeyondTheUsersBurst_Returns429WithRetryAfterAndAGraphQLShapedError()
    {
        using var api = LimitedApi();
        using var client = Client(api, ApiFactory.Token(Roles.LaLead));

        await PostAsync(client);
        await PostAsync(client);
        using var refused = await PostAsync(client);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(GraphQLRateLimit.ErrorCode, (string?)body["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task Post_AnotherUsersBucket_IsUntouchedByTheFirstUsersFlood()
    {
        using var api = LimitedApi();
        using var flooder = Client(api, ApiFactory.Token(Roles.LaLead));
        using var other = Client(api, ApiFactory.Token(Roles.BiReader));
        for (var i = 0; i < 3; i++)
        {
            (await PostAsync(flooder)).Dispose();
        }

        using var response = await PostAsync(other);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private WebApplicationFactory<Program> LimitedApi() => warehouse.Api.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("RateLimit:Enabled", "true");
        builder.UseSetting("RateLimit:TokenLimit", "2");
        builder.UseSetting("RateLimit:TokensPerPeriod", "1");
        builder.UseSetting("RateLimit:ReplenishmentPeriod", "01:00:00");
    });

    private static HttpClient Client(WebApplicationFactory<Program> api, string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client) => client.PostAsJsonAsync("/graphql", new { query = Cheap });
}

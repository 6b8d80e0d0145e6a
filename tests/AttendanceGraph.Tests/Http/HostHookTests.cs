using System.Net;
using AttendanceGraph.Tests.Http.Support;
using Microsoft.AspNetCore.TestHost;
using static AttendanceGraph.Tests.Http.Support.GraphQLHttp;

namespace AttendanceGraph.Tests.Http;

public sealed class HostHookTests
{
    [Fact]
    public async Task HostValidationRule_RejectsDocumentWith400()
    {
        await using var app = TestGraphQLApp.Build(configure: o => o.ValidationRules.Add(new FieldDisabledRule("greet")));
        await app.StartAsync();
        using var client = app.GetTestClient();

        using var response = await client.SendAsync(PostQuery("""{ greet(name: "x") }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'greet' is disabled", (await response.ReadJsonAsync()).FirstErrorMessage());
    }

    [Fact]
    public async Task ConfigureExecutionHook_RunsPerRequestWithHttpContext()
    {
        await using var app = TestGraphQLApp.Build(configure: o =>
            o.ConfigureExecution = (execution, http) => execution.UserContext["marker"] = "hook:" + http.Request.Method);
        await app.StartAsync();
        using var client = app.GetTestClient();

        using var response = await client.SendAsync(PostQuery("{ userContext }"));

        Assert.Equal("hook:POST", (await response.ReadJsonAsync()).GetProperty("data").GetProperty("userContext").GetString());
    }

    [Fact]
    public async Task DisabledGraphiQL_BrowserNavigationGetsGraphQLError()
    {
        await using var app = TestGraphQLApp.Build(configure: o => o.EnableGraphiQL = false);
        await app.StartAsync();
        using var client = app.GetTestClient();

        using var response = await client.SendAsync(Get("", "text/html,*/*;q=0.8"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // The browser names neither JSON type (only */*), so the error comes as application/json.
        Assert.Equal(Json, response.Content.Headers.ContentType!.MediaType);
    }
}

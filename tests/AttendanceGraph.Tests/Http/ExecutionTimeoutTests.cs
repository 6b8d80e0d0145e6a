using System.Diagnostics;
using System.Net;
using AttendanceGraph.Tests.Http.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using static AttendanceGraph.Tests.Http.Support.GraphQLHttp;

namespace AttendanceGraph.Tests.Http;

/// <summary>Runs its own host with a short deadline so the shared fixture can keep a forgiving one.</summary>
public sealed class ExecutionTimeoutTests : IAsyncLifetime
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(500);
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = TestGraphQLApp.Build(configure: o =>
        {
            o.ExecutionTimeout = ShortTimeout;
            o.MaxComplexity = null;
            o.ValidationRules.Add(new SlowValidationRule(TimeSpan.FromMilliseconds(100)));
        });
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Post_SlowQuery_IsCancelledAtTimeoutWith504AndTimeoutCode()
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await _client.SendAsync(PostQuery("{ slow }"));
        stopwatch.Stop();
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("TIMEOUT", body.FirstErrorCode());
        Assert.Contains("time", body.FirstErrorMessage(), StringComparison.OrdinalIgnoreCase);
        Assert.False(body.TryGetProperty("data", out _));
        // The resolver waits 30 s; finishing well before proves execution was cancelled, not awaited.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Post_SlowValidation_IsStoppedAtTheSameDeadlineWith504()
    {
        // 200 fields at 100 ms each: 20 s of validation unless the deadline stops the walk.
        var query = SlowValidationRule.Query(fields: 200);

        var stopwatch = Stopwatch.StartNew();
        using var response = await _client.SendAsync(PostQuery(query));
        stopwatch.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("TIMEOUT", (await response.ReadJsonAsync()).FirstErrorCode());
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Post_SlowQuery_WithApplicationJson_Returns200WithTimeoutError()
    {
        using var response = await _client.SendAsync(PostQuery("{ slow }", Json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("TIMEOUT", (await response.ReadJsonAsync()).FirstErrorCode());
    }
}

using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using GraphQL;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;
using R = AttendanceGraph.Api.Security.Roles;

namespace AttendanceGraph.Tests.Dashboard;

/// <summary>
/// Pages sent in parts as they are made (Dashboard:Stream, on by default) against the same pages sent whole
/// (Dashboard:Stream=false), over one hand-checked warehouse: the same status and the same bytes for every page and role
/// (the antiforgery token aside, new for every request), and each page's time still told, in the header of a page sent
/// whole and in the log for every page.
/// </summary>
public sealed class DashboardStreamingTests : IDisposable
{
    private const string TimingCategory = "AttendanceGraph.Api.Dashboard.DashboardTiming";
    private readonly HandCheckedWarehouse warehouse = new();
    private readonly CapturedLogs logs = new();
    private readonly ApiFactory streamed, whole;

    public DashboardStreamingTests()
    {
        streamed = new ApiFactory(warehouse.Paths.Root, logs, settings: new Dictionary<string, string?> { [$"Logging:LogLevel:{TimingCategory}"] = "Debug" });
        whole = new ApiFactory(warehouse.Paths.Root, settings: new Dictionary<string, string?> { ["Dashboard:Stream"] = "false" });
    }

    public void Dispose()
    {
        streamed.Dispose();
        whole.Dispose();
        warehouse.Dispose();
    }

    private static readonly string[] Paths =
    [
        "/", "/?period=2025/26&by=SEN_NEED", "/?cohort=FSM", "/?csv=by-phase",
        "/schools", "/schools?sort=OVERALL_ABSENCE_RATE&dir=ASCENDING&phase=PRIMARY", "/schools?csv=schools",
        $"/schools/{Alpha}", $"/schools/{Beta}", "/schools/999999", $"/schools/{Alpha}/tsm",
        "/virtual-school", "/virtual-school?school=SOCIAL_WORKER", "/needs-attention", $"/needs-attention?urn={Alpha}",
    ];

    public static TheoryData<string, int?> EveryRole => new()
    {
        { R.LaLead, null }, { R.VirtualSchool, null }, { R.School, Alpha }, { R.BiReader, null },
    };

    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task EveryPage_StreamedOrSentWhole_IsTheSameBytes(string role, int? urn)
    {
        foreach (var path in Paths)
        {
            var (status, type, body, _) = await GetAsync(streamed, role, urn, path);
            var (wholeStatus, wholeType, wholeBody, _) = await GetAsync(whole, role, urn, path);
            Assert.True(status == wholeStatus, $"{role} {path}: {status} streamed, {wholeStatus} whole");
            Assert.Equal(wholeType, type);
            Assert.True(WithoutAntiforgery(wholeBody) == WithoutAntiforgery(body), $"{role} {path}: the streamed page differs from the page sent whole");
        }
    }

    [Fact]
    public async Task TheLaPage_IsStreamed_AndLogsItsTime_WhileAPageSentWholeSaysItInServerTiming()
    {
        var (status, _, body, response) = await GetAsync(streamed, R.LaLead, null, "/?period=2025/26");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("</html>", body);
        // Sent in parts: no Server-Timing, whose figures were not known when the headers left.
        Assert.False(response.Headers.Contains("Server-Timing"));
        var line = await LoggedTimingAsync("/");
        var m = Regex.Match(line, @"^Dashboard page / answered 200 \(streamed\): graphql;dur=([0-9.]+);desc=""(\d+) GraphQL documents"", page;dur=([0-9.]+), first-byte;dur=([0-9.]+); documents: (.+)$");
        Assert.True(m.Success, line);
        var (graphQL, documents, page, firstByte) = (Ms(m.Groups[1]), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), Ms(m.Groups[3]), Ms(m.Groups[4]));
        // The LA page runs the pickers and its own documents; their time is part of the page's; its head left before them.
        Assert.True(documents >= 2, line);
        Assert.InRange(graphQL, 0.1, page);
        Assert.InRange(firstByte, 0, page);
        // Each document by name, in the order they started (the pickers first), each within the documents' time.
        var each = m.Groups[5].Value.Split(", ").Select(d => d.Split(' ')).ToList();
        Assert.Equal(documents, each.Count);
        Assert.Equal("DashboardPickers", each[0][0]);
        Assert.Contains(each, d => d[0] == "LocalAuthority");
        Assert.All(each, d => Assert.InRange(double.Parse(d[1], CultureInfo.InvariantCulture), 0, graphQL + 0.1));

        (status, _, _, response) = await GetAsync(whole, R.LaLead, null, "/?period=2025/26");
        Assert.Equal(HttpStatusCode.OK, status);
        var header = string.Join(", ", response.Headers.GetValues("Server-Timing"));
        m = Regex.Match(header, @"^graphql;dur=([0-9.]+);desc=""(\d+) GraphQL documents"", page;dur=([0-9.]+)$");
        Assert.True(m.Success, header);
        Assert.True(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) >= 2, header);
        Assert.InRange(Ms(m.Groups[1]), 0.1, Ms(m.Groups[3]));
    }

    [Fact]
    public async Task APageThatMayNotAnswer200_IsSentWhole_WithItsStatus()
    {
        // Another school's page for a school, a URN that is no school: both decided by the page's first document, before any byte.
        var (status, _, body, response) = await GetAsync(streamed, R.School, Alpha, $"/schools/{Beta}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.True(response.Headers.Contains("Server-Timing"));
        Assert.DoesNotContain("ta Primary School", body);
        (status, _, _, _) = await GetAsync(streamed, R.LaLead, null, "/schools/999999");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task APageThatFailsAfterItStartedStreaming_SaysItIsUnfinished_AndLogsNoMessage()
    {
        // The pickers answer (the navigation goes), then the page's own first document throws: its 200 has gone already.
        var (failing, client) = LaLeadWithExecuter(real => new ThrowsAfterThePickers(real));
        using var _ = failing;

        var response = await client.GetAsync("/needs-attention");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This page did not finish loading", body);
        Assert.Contains("govuk-service-navigation__list", body); // the navigation went before the failure
        Assert.EndsWith("</html>", body.TrimEnd());
        var logged = logs.Entries.Single(e => e.Message.Contains("failed after it had started streaming", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains(nameof(ThrowsAfterThePickers.Failure), logged.Message);
        Assert.DoesNotContain(ThrowsAfterThePickers.Secret, logged.Message);
    }

    [Fact]
    public async Task ASchoolsListThatAnswersWithAnError_SaysItCouldNotBeLoaded_NotAnEmptyTable()
    {
        var (failing, client) = LaLeadWithExecuter(real => new SchoolsListFails(real));
        using var _ = failing;

        var schools = await client.GetStringAsync("/schools");
        Assert.Contains("The schools table could not be loaded (TIMEOUT)", schools);
        Assert.DoesNotContain("Schools (0)", schools);
        var needsAttention = await client.GetStringAsync("/needs-attention");
        Assert.Contains("The list of schools to choose from could not be loaded (TIMEOUT)", needsAttention);
    }

    [Fact]
    public async Task NeedsAttention_RunsTheLookedAfterChildren_BesideTheSchoolsLists_InAScopeOfItsOwn()
    {
        // The school's pack waits (up to 5 s) for the looked-after list to start: one after the other, it never would.
        var watcher = new LookedAfterBesideThePack();
        var (factory, client) = LaLeadWithExecuter(watcher.Wrap);
        using var _ = factory;

        var page = await client.GetStringAsync($"/needs-attention?urn={Alpha}");
        Assert.Contains("Looked-after children absent on", page);
        Assert.Contains("Reached the penalty-notice threshold", page);
        Assert.True(watcher.LookedAfterListStartedWhileThePackWaited, "the looked-after list did not start until the school's lists were done");
        Assert.NotSame(watcher.Services["TsmPack"], watcher.Services["VirtualSchoolPupils"]);
    }

    /// <summary>The streamed API with its GraphQL executer wrapped (to make documents fail), and a la-lead's dashboard client.</summary>
    private (Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Factory, HttpClient Client) LaLeadWithExecuter(Func<IDocumentExecuter, IDocumentExecuter> wrap)
    {
        var factory = streamed.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(IDocumentExecuter));
            services.Remove(real);
            services.AddSingleton<IDocumentExecuter>(sp => wrap((IDocumentExecuter)(real.ImplementationInstance
                ?? real.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, real.ImplementationType!))));
        }));
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{DashboardApp.DashboardSessionCookie}={ApiFactory.Token(R.LaLead)}");
        return (factory, client);
    }

    /// <summary>Holds each TsmPack document until the looked-after children's document has started, and notes each document's services.</summary>
    private sealed class LookedAfterBesideThePack
    {
        private readonly TaskCompletionSource lookedAfterStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public System.Collections.Concurrent.ConcurrentDictionary<string, IServiceProvider> Services { get; } = new();

        public bool LookedAfterListStartedWhileThePackWaited { get; private set; } = true;

        public IDocumentExecuter Wrap(IDocumentExecuter real) => new Executer(this, real);

        private sealed class Executer(LookedAfterBesideThePack watcher, IDocumentExecuter real) : IDocumentExecuter
        {
            public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options)
            {
                watcher.Services.TryAdd(options.OperationName!, options.RequestServices!);
                if (options.OperationName == "VirtualSchoolPupils") watcher.lookedAfterStarted.TrySetResult();
                if (options.OperationName == "TsmPack"
                    && await Task.WhenAny(watcher.lookedAfterStarted.Task, Task.Delay(TimeSpan.FromSeconds(5))) != watcher.lookedAfterStarted.Task)
                    watcher.LookedAfterListStartedWhileThePackWaited = false;
                return await real.ExecuteAsync(options);
            }
        }
    }

    /// <summary>The schools documents answer as a timed-out execution does: an error and no data.</summary>
    private sealed class SchoolsListFails(IDocumentExecuter real) : IDocumentExecuter
    {
        public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options) =>
            options.OperationName is "Schools" or "SchoolNames"
                ? Task.FromResult(new ExecutionResult { Errors = new ExecutionErrors { new ExecutionError("timed out") { Code = "TIMEOUT" } } })
                : real.ExecuteAsync(options);
    }

    private sealed class ThrowsAfterThePickers(IDocumentExecuter real) : IDocumentExecuter
    {
        public const string Secret = "A123456789012";

        public sealed class Failure(string message) : Exception(message);

        public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options) =>
            options.OperationName == "DashboardPickers" ? real.ExecuteAsync(options) : throw new Failure($"pupil {Secret}");
    }

    private static double Ms(Group g) => double.Parse(g.Value, CultureInfo.InvariantCulture);

    /// <summary>The timing line logged for <paramref name="route"/> (written once the response has ended, so waited for).</summary>
    private async Task<string> LoggedTimingAsync(string route)
    {
        for (var i = 0; i < 100; i++)
        {
            var line = logs.Entries.LastOrDefault(e => e.Category == TimingCategory && e.Level == LogLevel.Debug && e.Message.StartsWith($"Dashboard page {route} ", StringComparison.Ordinal));
            if (line is not null) return line.Message;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"no timing was logged for {route}");
    }

    private static async Task<(HttpStatusCode Status, string? Type, string Body, HttpResponseMessage Response)> GetAsync(ApiFactory api, string role, int? urn, string path)
    {
        var client = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{DashboardApp.DashboardSessionCookie}={ApiFactory.Token(role, urn)}");
        var response = await client.GetAsync(path);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync(), response);
    }

    private static string WithoutAntiforgery(string html) =>
        Regex.Replace(html, @"(name=""__RequestVerificationToken"" value="")[^""]*""", "$1\"");
}

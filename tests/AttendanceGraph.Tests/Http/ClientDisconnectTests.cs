using AttendanceGraph.Tests.Http.Support;
using Microsoft.AspNetCore.TestHost;
using static AttendanceGraph.Tests.Http.Support.GraphQLHttp;

namespace AttendanceGraph.Tests.Http;

/// <summary>A client that goes away stops the work on its request, even in validation, long before the deadline.</summary>
public sealed class ClientDisconnectTests
{
    [Fact]
    public async Task Post_ClientGoneDuringValidation_StopsTheValidationWalk()
    {
        var slow = new SlowValidationRule(TimeSpan.FromMilliseconds(200));
        await using var app = TestGraphQLApp.Build(configure: o =>
        {
            o.ExecutionTimeout = TimeSpan.FromMinutes(5);
            o.MaxComplexity = null;
            o.ValidationRules.Add(slow);
        });
        await app.StartAsync();
        using var client = app.GetTestClient();
        using var leave = new CancellationTokenSource();

        // 200 fields at 200 ms each: 40 s of validation if nothing stops it. The client leaves once validation has begun.
        var sending = client.SendAsync(PostQuery(SlowValidationRule.Query(fields: 200)), leave.Token);
        await WaitUntil(() => slow.FieldsReached > 0);
        leave.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var afterLeaving = slow.FieldsReached;
        await Task.Delay(TimeSpan.FromSeconds(2));

        // Still walking, it would reach about 10 more fields in those 2 s.
        Assert.Equal(afterLeaving, slow.FieldsReached);
        Assert.True(afterLeaving < 200, $"{afterLeaving} fields reached");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var cap = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, cap.Token);
        }
    }
}

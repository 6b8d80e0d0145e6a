using AttendanceGraph.Api.Data;

namespace AttendanceGraph.Tests.Api;

/// <summary>The API hands freed native memory back on a timer (the soak's RSS crept up between loads without it).</summary>
public sealed class NativeHeapTrimmerTests
{
    [Fact]
    public async Task Trims_OnEveryTick_UntilStopped()
    {
        var trims = 0;
        using var trimmer = new NativeHeapTrimmer(TimeSpan.FromMilliseconds(20), () => Interlocked.Increment(ref trims));
        await trimmer.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref trims) < 3 && DateTime.UtcNow < deadline) await Task.Delay(10);
        await trimmer.StopAsync(CancellationToken.None);
        Assert.True(Volatile.Read(ref trims) >= 3, $"trimmed {trims} times");
        var afterStop = Volatile.Read(ref trims);
        await Task.Delay(100);
        Assert.Equal(afterStop, Volatile.Read(ref trims));
    }

    [Fact]
    public async Task AZeroInterval_NeverTrims()
    {
        var trims = 0;
        using var trimmer = new NativeHeapTrimmer(TimeSpan.Zero, () => Interlocked.Increment(ref trims));
        await trimmer.StartAsync(CancellationToken.None);
        await Task.Delay(100);
        await trimmer.StopAsync(CancellationToken.None);
        Assert.Equal(0, trims);
    }
}

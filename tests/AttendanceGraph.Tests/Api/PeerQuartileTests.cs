using AttendanceGraph.Api.Benchmarks;

namespace AttendanceGraph.Tests.Api;

/// <summary>A school's quartile among its phase agrees with its percentile: 1 is the best quarter, 4 the worst.</summary>
public sealed class PeerQuartileTests
{
    [Theory]
    [InlineData(1, 1, 1)] // the only school of its phase is not in the worst quarter
    [InlineData(1, 2, 1)]
    [InlineData(2, 2, 4)]
    [InlineData(1, 4, 1)]
    [InlineData(2, 4, 2)]
    [InlineData(3, 4, 3)]
    [InlineData(4, 4, 4)]
    [InlineData(3, 9, 1)] // percentile 75
    [InlineData(5, 9, 2)] // percentile 50
    [InlineData(7, 9, 3)] // percentile 25
    [InlineData(8, 9, 4)]
    public void Quartile_FollowsThePercentile(int rank, int peers, int quartile) =>
        Assert.Equal(quartile, SchoolBenchmark.QuartileOf(rank, peers));
}

using AttendanceGraph.Etl.Pipeline;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// What a load reports when it fails while work beside it (the dimensions, a first year of DfE totals being appended) fails
/// too: DuckDB invalidates a database after a fatal error, so the first failure may be the cause of the one the load saw.
/// </summary>
public sealed class WorkBesideALoadTests
{
    [Fact]
    public void BothFailing_TheLoadsFailureIsReportedWithTheOtherBesideIt_WhicheverTaskRaisedTheLoadsOwn()
    {
        var cause = new InvalidOperationException("the append's fatal error");
        var symptom = new InvalidOperationException("database invalidated");
        // The load's failure is one of the tasks' own (the dimensions rethrown as they were awaited): the other's is still named.
        var reported = BatchLoader.Beside(Task.WhenAll(Task.FromException(symptom), Task.FromException(cause)), symptom);
        Assert.Equal("database invalidated (and the work beside it failed: the append's fatal error)", reported.Message);
        Assert.Same(symptom, reported.InnerException);
    }

    [Fact]
    public void OnlyTheLoadFailing_ItsOwnErrorIsReportedAsItIs()
    {
        var own = new InvalidOperationException("own");
        Assert.Same(own, BatchLoader.Beside(Task.WhenAll(Task.FromException(own), Task.CompletedTask), own));
        Assert.Same(own, BatchLoader.Beside(Task.CompletedTask, own));
    }

    [Fact]
    public void ARejectionOrACancellation_IsReportedAsItIs_WhateverFailedBeside()
    {
        var beside = Task.FromException(new InvalidOperationException("beside"));
        var cancelled = new OperationCanceledException();
        Assert.Same(cancelled, BatchLoader.Beside(beside, cancelled));
    }
}

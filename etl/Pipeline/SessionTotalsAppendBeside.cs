using AttendanceGraph.Etl.Publish;
using AttendanceGraph.Etl.Read;
using AttendanceGraph.Etl.Stage;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Pipeline;

/// <summary>
/// A first year of DfE totals appended into <c>session_totals</c> on a connection of its own, from the end of the read until
/// the aggregates are counted: the counting reads the rows from memory, not from the table, and appended before it they
/// left about one core-second idle (1.5 cores appending beside the dimensions for 1.0 s, then 1.6 counting for 1.1 s).
/// DuckDB is held at one thread from the start until <see cref="Wait"/> (the setting is the database's: the count's own
/// nested <see cref="OneDuckDbThread.Run"/> then sets and restores the same value).
/// </summary>
internal sealed class SessionTotalsAppendBeside
{
    private readonly DuckDBConnection main;
    private readonly long threadsBefore;

    private SessionTotalsAppendBeside(DuckDBConnection main, long threadsBefore, Task appending)
    {
        this.main = main;
        this.threadsBefore = threadsBefore;
        Appending = appending;
    }

    public Task Appending { get; }

    /// <summary>Still writing into the working snapshot, or failed: a load failing now must wait for it before the snapshot goes.</summary>
    public bool NeedsWaitingFor => Appending is { IsCompleted: false } or { IsFaulted: true };

    /// <param name="stepReached">Told "session-totals-appended" on the append's own thread (<see cref="LoadOptions.StepReached"/>).</param>
    public static SessionTotalsAppendBeside Start(SnapshotBuilder snapshot, ReadBatch batch, int batchId, Action<string>? stepReached, CancellationToken ct)
    {
        var threadsBefore = OneDuckDbThread.Enter(snapshot.Connection);
        var appending = Task.Run(() =>
        {
            using var connection = snapshot.OpenAnotherConnection();
            SessionTotalsStager.Merge(connection, batch.SessionTotals, batchId, aggregatesRebuilt: true);
            stepReached?.Invoke("session-totals-appended");
        }, ct);
        return new SessionTotalsAppendBeside(snapshot.Connection, threadsBefore, appending);
    }

    /// <summary>Waits for the rows to be in the table (rethrowing the append's own failure), then gives DuckDB its threads back.</summary>
    public void Wait()
    {
        Appending.GetAwaiter().GetResult();
        OneDuckDbThread.Leave(main, threadsBefore);
    }
}

namespace AttendanceGraph.Etl.Model;

/// <summary>
/// One valid row of a DfE pupil-level attendance file: a pupil's session totals at a school over one school week
/// (<see cref="SpanStart"/> is its Monday), with the pupil's warehouse id. Counts are small (a week has at most 14
/// sessions), so bytes; a struct of 24 bytes, as a year of weekly files holds ~4 million of them.
/// </summary>
public readonly record struct SessionTotalsRecord(
    int PupilId,
    int SchoolUrn,
    DateOnly SpanStart,
    DateOnly SpanEnd,
    byte Possible,
    byte Present,
    byte ApprovedEducationalActivity,
    byte Authorised,
    byte Unauthorised);

public static class SessionTotalsRecords
{
    /// <summary>
    /// The records as a span (a batch's are a list): enumerated through the interface, each of a year's ~4 million rows
    /// cost two interface calls in every pass over them.
    /// </summary>
    public static ReadOnlySpan<SessionTotalsRecord> Rows(IReadOnlyList<SessionTotalsRecord> totals) =>
        totals is List<SessionTotalsRecord> list ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list) : totals.ToArray();
}

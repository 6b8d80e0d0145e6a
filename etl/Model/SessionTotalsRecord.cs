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

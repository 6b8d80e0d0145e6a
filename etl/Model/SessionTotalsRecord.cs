namespace AttendanceGraph.Etl.Model;

/// <summary>
/// One valid row of a DfE pupil-level attendance file: a pupil's session totals at a school over one school week
/// (<see cref="SpanStart"/> is its Monday). Counts are small (a week has at most 14 sessions), so bytes.
/// </summary>
public sealed record SessionTotalsRecord(
    string Upn,
    int SchoolUrn,
    DateOnly SpanStart,
    DateOnly SpanEnd,
    byte Possible,
    byte Present,
    byte ApprovedEducationalActivity,
    byte Authorised,
    byte Unauthorised);

namespace AttendanceGraph.Schema.Pupils;

/// <summary>The penalty-notice check: unauthorised sessions (G, N, O, U) in rolling windows of 10 school weeks.</summary>
/// <param name="SessionsInLatestWindow">In the 10 school weeks ending with the last school week of the period.</param>
/// <param name="MaxSessionsInWindow">The most in any window ending in a school week of the period.</param>
/// <param name="MaxWindowEndWeek">The Monday of the last week of the (first) window with that maximum; null when no window has any.</param>
public sealed record PenaltyNoticeCheck(int SessionsInLatestWindow, int MaxSessionsInWindow, DateOnly? MaxWindowEndWeek, DateOnly? MaxWindowStartWeek)
{
    public bool ThresholdMet => MaxSessionsInWindow >= PupilPatternOptions.PenaltyThresholdSessions;
}

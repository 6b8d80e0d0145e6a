namespace AttendanceGraph.Etl.Cli;

/// <summary>
/// A load that failed, carrying its real cause first and, after it, anything that also went wrong while
/// recording the failure: the secondary problem is reported, never in place of the cause.
/// </summary>
public sealed class LoadFailedException(Exception cause, string? secondary)
    : Exception(secondary is null ? cause.Message : $"{cause.Message}\nalso: {secondary}", cause);

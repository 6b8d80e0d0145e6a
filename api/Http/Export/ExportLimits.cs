namespace AttendanceGraph.Api.Http.Export;

/// <summary>Bounds of one CSV or Parquet export (GraphQL:Export:*).</summary>
public sealed class ExportLimits
{
    /// <summary>
    /// Most rows one export streams (default 200,000: a year of school × week for a 300-school LA is about 12,000; the
    /// whole 38-million-mark LA's school × day table for a year about 40,000). Past it the export is refused before its first
    /// byte when the document asks for totalCount, and cut off (the connection aborted, never a silently short file) otherwise.
    /// </summary>
    public int MaxRows { get; set; } = 200_000;
}

namespace AttendanceGraph.Etl.Model;

/// <summary>One rejected row: where it is and why. Line numbers are 1-based and count the header as line 1.</summary>
public sealed record Rejection(string File, long Line, string Column, RejectionReason Reason, string Detail, string RawLine);

namespace AttendanceGraph.Etl.Model;

/// <summary>One rejected row: where it is and why. Line numbers are 1-based and count the header as line 1.</summary>
public sealed record Rejection(string File, long Line, string Column, RejectionReason Reason, string Detail, string RawLine)
{
    /// <summary>A file skipped whole because it is not UTF-8, at its first invalid byte (1-based line, byte offset from the file's start).</summary>
    public static Rejection NotUtf8(string file, long line, long offset) => new(file, line, "", RejectionReason.WrongEncoding,
        $"not valid UTF-8 at line {line} (byte offset {offset}): the file is in another encoding (Windows-1252 or Latin-1?); " +
        "save it as UTF-8 (in Excel: CSV UTF-8) and load it again. The whole file is skipped", "");
}

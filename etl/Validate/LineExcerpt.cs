namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// Bounds what a rejection quotes from the input. A file without a single newline is one 66 KB "line", and
/// quoting it whole made an error message nobody could read; a quoted value or line is cut to a short excerpt.
/// </summary>
public static class LineExcerpt
{
    /// <summary>Most characters of a value or line quoted in a message.</summary>
    public const int MessageLength = 120;

    /// <summary>Most characters of a line kept in the rejects file's raw_line (enough for a whole GIAS row).</summary>
    public const int RejectsFileLength = 4096;

    /// <summary>The text, or its first <paramref name="max"/> characters followed by "…" and how long it was.</summary>
    public static string Of(string text, int max = MessageLength) =>
        text.Length <= max ? text : $"{text[..max]}… ({text.Length:N0} characters)";

    /// <summary>The value in single quotes, as rejections quote it, cut to an excerpt when long.</summary>
    public static string Quote(string value) => $"'{Of(value)}'";
}

namespace AttendanceGraph.Etl.Generate;

/// <summary>RFC 4180 quoting, as GIAS does for names with commas and apostrophes' neighbours.</summary>
public static class CsvField
{
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    public static string IsoDate(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string IsoDate(DateOnly? d) => d is { } v ? IsoDate(v) : "";
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>
/// The period a page reports on, as the URL holds it (<c>period=2025/26</c> for an academic year,
/// <c>period=2025-09-01_2025-10-24</c> for a term, half term or month), with the same period a year earlier.
/// </summary>
internal sealed record PeriodChoice(string Key, string Label, string AcademicYear, DateOnly? From, DateOnly? To)
{
    public bool IsAcademicYear => From is null;

    public Dictionary<string, object?> Input() => IsAcademicYear
        ? new() { ["academicYear"] = AcademicYear }
        : new() { ["from"] = From!.Value.ToString("yyyy-MM-dd"), ["to"] = To!.Value.ToString("yyyy-MM-dd") };

    /// <summary>
    /// The same period last year: the previous academic year, or the range 52 weeks earlier so that weekdays (and so
    /// the school weeks) line up, as DfE's year-on-year comparisons do.
    /// </summary>
    public Dictionary<string, object?> LastYearInput() => IsAcademicYear
        ? new() { ["academicYear"] = PreviousYear(AcademicYear) }
        : new() { ["from"] = From!.Value.AddDays(-364).ToString("yyyy-MM-dd"), ["to"] = To!.Value.AddDays(-364).ToString("yyyy-MM-dd") };

    public static string PreviousYear(string academicYear) =>
        int.TryParse(academicYear.AsSpan(0, 4), out var y) ? $"{y - 1}/{(y % 100):00}" : academicYear;

    public static string KeyOf(JsonNode period) => period["kind"]?.ToString() == "ACADEMIC_YEAR"
        ? period["academicYear"]!.ToString()
        : $"{period["start"]}_{period["end"]}";

    /// <summary>The chosen period among those the warehouse covers; unknown or absent: the latest academic year with data.</summary>
    public static PeriodChoice Resolve(string? key, JsonNode? periods)
    {
        var all = new[] { "academicYears", "terms", "halfTerms", "months" }
            .SelectMany(k => periods?[k] as JsonArray ?? []).OfType<JsonNode>().ToList();
        var chosen = all.FirstOrDefault(p => KeyOf(p) == key) ?? DefaultYear(periods);
        if (chosen is null) return new PeriodChoice("", "Latest academic year", "", null, null);
        var isYear = chosen["kind"]?.ToString() == "ACADEMIC_YEAR";
        return new PeriodChoice(KeyOf(chosen), chosen["label"]!.ToString(), chosen["academicYear"]!.ToString(),
            isYear ? null : DateOnly.Parse(chosen["start"]!.ToString(), CultureInfo.InvariantCulture),
            isYear ? null : DateOnly.Parse(chosen["end"]!.ToString(), CultureInfo.InvariantCulture));
    }

    // The API's own default: the latest academic year that has begun by the last mark.
    private static JsonNode? DefaultYear(JsonNode? periods)
    {
        var years = (periods?["academicYears"] as JsonArray ?? []).OfType<JsonNode>().ToList();
        var last = periods?["lastDate"]?.ToString();
        return years.LastOrDefault(y => last is null || string.CompareOrdinal(y["start"]!.ToString(), last) <= 0) ?? years.LastOrDefault();
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>Encoding and number formats for the pages: every value from GraphQL reaches the HTML through <see cref="E"/>.</summary>
internal static class Html
{
    // The host runs in invariant-globalization mode; the invariant culture writes numbers and dates as UK readers expect.
    private static readonly CultureInfo UkCulture = CultureInfo.InvariantCulture;

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string E(JsonNode? node) => E(node?.ToString());

    /// <summary>A rate as the statistics publications show it: one decimal place and a % sign; a dash when withheld or absent.</summary>
    public static string Percent(double? value) => value is { } v ? v.ToString("0.0", UkCulture) + "%" : "–";

    public static string Percent(JsonNode? node) => Percent(Number(node));

    /// <summary>A difference in percentage points, signed so the direction reads without colour.</summary>
    public static string Points(double? value) => value is { } v ? (v > 0 ? "+" : v < 0 ? "−" : "") + Math.Abs(v).ToString("0.0", UkCulture) + " pts" : "–";

    public static string Count(JsonNode? node) => Number(node) is { } v ? v.ToString("N0", UkCulture) : "–";

    public static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    public static string Date(JsonNode? node) =>
        DateOnly.TryParse(node?.ToString(), CultureInfo.InvariantCulture, out var d) ? d.ToString("d MMM yyyy", UkCulture) : "–";

    /// <summary>Invariant text for CSV cells and data attributes (machine-read, so no thousands separators).</summary>
    public static string Invariant(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    public static string Url(string path, IEnumerable<KeyValuePair<string, string?>> query)
    {
        var parts = query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value!));
        var q = string.Join("&", parts);
        return q.Length == 0 ? path : path + "?" + q;
    }
}

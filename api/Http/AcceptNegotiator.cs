using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// Picks the response media type from the Accept header following RFC 9110 precedence:
/// the most specific matching range decides a type's quality, highest quality wins.
/// </summary>
internal static class AcceptNegotiator
{
    /// <summary>
    /// Null means nothing we produce is acceptable (answer 406). A missing Accept header, or one that names neither
    /// JSON type and only matches them through wildcards (curl's and Power BI's <c>*/*</c>), gets application/json:
    /// the graphql-http audit's two SHOULDs, and the type every BI tool reads without being told.
    /// </summary>
    public static ResponseMediaType? Negotiate(HttpRequest request)
    {
        var ranges = Parse(request.Headers.Accept);
        if (ranges is null)
        {
            return ResponseMediaType.Json;
        }

        var graphQLQuality = QualityOf(ranges, "application", "graphql-response+json");
        var jsonQuality = QualityOf(ranges, "application", "json");
        if (graphQLQuality <= 0 && jsonQuality <= 0)
        {
            return null;
        }
        if (!Names(ranges, "application", "graphql-response+json") && !Names(ranges, "application", "json"))
        {
            return ResponseMediaType.Json;
        }
        // Ties go to graphql-response+json: it is the preferred type and its status codes are trustworthy.
        return graphQLQuality >= jsonQuality ? ResponseMediaType.GraphQLResponseJson : ResponseMediaType.Json;
    }

    /// <summary>
    /// True when the client names text/csv and likes it at least as much as any JSON type (a spreadsheet or
    /// Tableau's web connector sends exactly <c>Accept: text/csv</c>); wildcards never select CSV.
    /// </summary>
    public static bool PrefersCsv(HttpRequest request)
    {
        var ranges = Parse(request.Headers.Accept);
        if (ranges is null || !Names(ranges, "text", "csv"))
        {
            return false;
        }
        var csv = QualityOf(ranges, "text", "csv");
        var json = Math.Max(QualityOf(ranges, "application", "graphql-response+json"), QualityOf(ranges, "application", "json"));
        return csv > 0 && csv >= json;
    }

    private static bool Names(IList<MediaTypeHeaderValue> ranges, string type, string subtype) =>
        ranges.Any(r => Specificity(r, type, subtype) == 2);

    /// <summary>
    /// True when a browser navigates to the endpoint: text/html is named explicitly (a bare */* from curl
    /// does not count) and is liked at least as much as any JSON type.
    /// </summary>
    public static bool PrefersHtml(HttpRequest request)
    {
        var ranges = Parse(request.Headers.Accept);
        if (ranges is null)
        {
            return false;
        }
        var explicitHtml = ranges.Where(r => r.MediaType.Equals(MediaTypes.Html, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Quality ?? 1.0)
            .DefaultIfEmpty(0)
            .Max();
        var json = Math.Max(QualityOf(ranges, "application", "graphql-response+json"), QualityOf(ranges, "application", "json"));
        return explicitHtml > 0 && explicitHtml >= json;
    }

    private static IList<MediaTypeHeaderValue>? Parse(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept))
        {
            return null;
        }
        // An unparsable header is treated as absent rather than failing the request on a client quirk.
        return MediaTypeHeaderValue.TryParseList(accept, out var parsed) && parsed.Count > 0 ? parsed : null;
    }

    private static double QualityOf(IList<MediaTypeHeaderValue> ranges, string type, string subtype)
    {
        var bestSpecificity = -1;
        var quality = 0.0;
        foreach (var range in ranges)
        {
            var specificity = Specificity(range, type, subtype);
            if (specificity < 0 || !AcceptsUtf8(range))
            {
                continue;
            }
            var q = range.Quality ?? 1.0;
            if (specificity > bestSpecificity || (specificity == bestSpecificity && q > quality))
            {
                bestSpecificity = specificity;
                quality = q;
            }
        }
        return quality;
    }

    /// <summary>2 for an exact match, 1 for type/*, 0 for */*, -1 for no match.</summary>
    private static int Specificity(MediaTypeHeaderValue range, string type, string subtype)
    {
        var rangeType = range.Type.Value ?? "";
        var rangeSubtype = range.SubType.Value ?? "";
        if (rangeType == "*" && rangeSubtype == "*")
        {
            return 0;
        }
        if (!rangeType.Equals(type, StringComparison.OrdinalIgnoreCase))
        {
            return -1;
        }
        if (rangeSubtype == "*")
        {
            return 1;
        }
        return rangeSubtype.Equals(subtype, StringComparison.OrdinalIgnoreCase) ? 2 : -1;
    }

    // We only ever write UTF-8, so a range pinned to another charset cannot be satisfied.
    private static bool AcceptsUtf8(MediaTypeHeaderValue range) =>
        !range.Charset.HasValue || range.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
}

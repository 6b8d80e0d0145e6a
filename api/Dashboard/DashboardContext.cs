using System.Text.Json.Nodes;
using AttendanceGraph.Api.Security;
using Microsoft.Extensions.Options;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>
/// One page request: who is signed in, the documents runner, and the URL's state (period, cohort) resolved against the
/// periods and cohorts the warehouse offers, so every link on the page carries the same selection.
/// </summary>
internal sealed class DashboardContext
{
    private DashboardContext(HttpContext http, AttendanceUser user, DashboardDocuments documents, JsonNode? pickers)
    {
        Http = http;
        User = user;
        Documents = documents;
        Pickers = pickers;
        Period = PeriodChoice.Resolve(http.Request.Query["period"], pickers?["periods"]);
        var cohort = http.Request.Query["cohort"].ToString();
        Cohort = CohortOptions.Any(c => c.Value == cohort) ? cohort : "ALL_PUPILS";
    }

    public HttpContext Http { get; }
    public AttendanceUser User { get; }
    public DashboardDocuments Documents { get; }
    public JsonNode? Pickers { get; }
    public PeriodChoice Period { get; }
    public string Cohort { get; }

    public string CohortLabel => CohortOptions.FirstOrDefault(c => c.Value == Cohort).Label ?? "All pupils";

    /// <summary>The cohort as the documents' <c>$cohortKey</c>: null for everyone.</summary>
    public string? CohortKey => Cohort == "ALL_PUPILS" ? null : Cohort;

    // The API lists the cohorts a measure can be narrowed to, statutory and the LA's own, by key (the documents take
    // $cohortKey, so a cohort the LA declares is offered with no change here); everyone is the first choice and the default.
    public IEnumerable<(string Value, string Label)> CohortOptions =>
        new[] { ("ALL_PUPILS", "All pupils") }.Concat((Pickers?["cohorts"] as JsonArray ?? []).OfType<JsonNode>()
            .Select(c => (c["key"]!.ToString(), c["label"]!.ToString())).Where(c => c.Item1 != "ALL_PUPILS"));

    /// <summary>False when nobody usable is signed in (the caller redirects to the sign-in page).</summary>
    public static bool SignedIn(HttpContext http) => UserOf(http).IsValid;

    private static AttendanceUser UserOf(HttpContext http) =>
        AttendanceUser.From(http.User, http.RequestServices.GetRequiredService<IOptions<JwtSettings>>().Value);

    /// <summary>Null when nobody usable is signed in (the caller redirects to the sign-in page).</summary>
    public static async Task<DashboardContext?> CreateAsync(HttpContext http)
    {
        var user = UserOf(http);
        if (!user.IsValid) return null;
        var documents = http.RequestServices.GetRequiredService<DashboardDocuments>();
        var pickers = await documents.RunAsync(http, "DashboardPickers", new Dictionary<string, object?>());
        return new DashboardContext(http, user, documents, pickers.Data);
    }

    /// <summary>The period and cohort as GraphQL variables, with the same period last year.</summary>
    public Dictionary<string, object?> Variables(params (string Name, object? Value)[] more)
    {
        var variables = new Dictionary<string, object?>
        {
            ["period"] = Period.Key.Length == 0 ? null : Period.Input(),
            ["lastYear"] = Period.Key.Length == 0 ? null : Period.LastYearInput(),
            ["cohortKey"] = CohortKey,
        };
        foreach (var (name, value) in more) variables[name] = value;
        return variables;
    }

    /// <summary>A link to <paramref name="path"/> keeping this page's period and cohort (overridable).</summary>
    public string Link(string path, params (string Key, string? Value)[] overrides)
    {
        var query = new Dictionary<string, string?> { ["period"] = Period.Key, ["cohort"] = Cohort == "ALL_PUPILS" ? null : Cohort };
        foreach (var (key, value) in overrides) query[key] = value;
        return Html.Url(path, query);
    }

    public string AntiforgeryField() => Forms.Antiforgery(Http);

    /// <summary>This page's own URL with the query changed (sort links, CSV downloads).</summary>
    public string Self(params (string Key, string? Value)[] overrides)
    {
        var query = Http.Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        foreach (var (key, value) in overrides) query[key] = value;
        return Html.Url(Http.Request.Path, query);
    }
}

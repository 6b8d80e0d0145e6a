using System.Text;
using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Api.Security;
using static AttendanceGraph.Api.Dashboard.Html;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>The GOV.UK page template around every dashboard page: skip link, service navigation for the role, footer.</summary>
internal static class Layout
{
    public const string ServiceName = "Attendance dashboard";

    public static string Page(string title, string body, DashboardContext? context, string? current = null) =>
        Head(title) + Top(context, current) + body + Bottom;

    /// <summary>
    /// The page up to the service name: all that needs only the title, so a streamed page (<see cref="PageStream"/>) sends
    /// it, and the browser fetches the stylesheets, before the page has read anything.
    /// </summary>
    public static string Head(string title) => $"""
        <!DOCTYPE html>
        <html lang="en-GB" class="govuk-template">
        <head>
          <meta charset="utf-8">
          <title>{E(title)} – {ServiceName}</title>
          <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
          <link rel="icon" sizes="48x48" href="/assets/images/favicon.ico">
          <link rel="icon" sizes="any" href="/assets/images/favicon.svg" type="image/svg+xml">
          <link rel="stylesheet" href="/assets/govuk-frontend.min.css">
          <link rel="stylesheet" href="/assets/dashboard.css">
        </head>
        <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
        <section class="govuk-service-navigation" aria-label="Service information" data-module="govuk-service-navigation">
          <div class="govuk-width-container"><div class="govuk-service-navigation__container">
            <span class="govuk-service-navigation__service-name"><a href="/" class="govuk-service-navigation__link">{ServiceName}</a></span>
        """ + "\n";

    /// <summary>The role's navigation (its links keep the page's period and cohort) and who is signed in, up to the page's own content.</summary>
    public static string Top(DashboardContext? context, string? current) => $"""
        {Navigation(context, current)}
          </div></div>
        </section>
        <div class="govuk-width-container">
        {SignedIn(context)}
        <main class="govuk-main-wrapper" id="main-content">
        """ + "\n";

    /// <summary>The page after its own content: the footer and the scripts.</summary>
    public const string Bottom = "\n" + """
        </main>
        </div>
        <footer class="govuk-footer"><div class="govuk-width-container"><div class="govuk-footer__meta"><div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
          <h2 class="govuk-visually-hidden">Support links</h2>
          <ul class="govuk-footer__inline-list">
            <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/graphql">GraphQL API (GraphiQL)</a></li>
            <li class="govuk-footer__inline-list-item"><a class="govuk-footer__link" href="/graphql/sdl">Measure definitions (schema)</a></li>
          </ul>
          <p class="govuk-body-s">Figures follow the DfE absence methodology; every figure comes from the GraphQL API under your role.</p>
        </div></div></div></footer>
        <script src="/assets/chart.umd.min.js"></script>
        <script type="module" src="/assets/dashboard.js"></script>
        </body>
        </html>
        """;

    private static string Navigation(DashboardContext? context, string? current)
    {
        if (context is null) return "";
        var items = new List<(string Href, string Label)> { ("/", "Local authority") };
        var user = context.User;
        if (user.IsSchool)
        {
            items.Add(($"/schools/{user.Urn}", "Your school"));
            items.Add(($"/schools/{user.Urn}/tsm", "Targeting Support Meeting pack"));
        }
        else
        {
            items.Add(("/schools", "Schools"));
            items.Add(("/virtual-school", "Virtual School"));
        }
        if (!user.IsBiReader) items.Add(("/needs-attention", "Needs attention"));
        var b = new StringBuilder("<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">"
            + "<button type=\"button\" class=\"govuk-service-navigation__toggle govuk-js-service-navigation-toggle\" aria-controls=\"navigation\" hidden>Menu</button>"
            + "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">");
        foreach (var (href, label) in items)
        {
            var active = href == current;
            b.Append(active
                ? $"<li class=\"govuk-service-navigation__item govuk-service-navigation__item--active\"><a class=\"govuk-service-navigation__link\" href=\"{E(context.Link(href))}\" aria-current=\"page\"><strong class=\"govuk-service-navigation__active-fallback\">{E(label)}</strong></a></li>"
                : $"<li class=\"govuk-service-navigation__item\"><a class=\"govuk-service-navigation__link\" href=\"{E(context.Link(href))}\">{E(label)}</a></li>");
        }
        b.Append("</ul></nav>");
        return b.ToString();
    }

    private static string SignedIn(DashboardContext? context)
    {
        if (context is null) return "";
        var who = context.User.IsSchool ? $"{context.User.Role} (URN {context.User.Urn})" : context.User.Role;
        return $"""
            <div class="ag-signed-in govuk-body-s">Signed in as <strong>{E(context.User.Subject)}</strong>, role <strong>{E(who)}</strong>.
            <form method="post" action="/sign-out" class="ag-inline-form">{context.AntiforgeryField()}<button type="submit" class="ag-link-button">Sign out</button></form></div>
            """;
    }

    /// <summary>The period and cohort pickers: a GET form, so the choice lands in the URL and the page works without scripts.</summary>
    public static string Pickers(DashboardContext context, bool cohort = true, params (string Name, string? Value)[] keep)
    {
        var periods = context.Pickers?["periods"];
        var b = new StringBuilder("<form method=\"get\" class=\"ag-pickers\" aria-label=\"Period and cohort\">");
        foreach (var (name, value) in keep)
            if (!string.IsNullOrEmpty(value)) b.Append($"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">");
        b.Append("<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"period\">Period</label><select class=\"govuk-select\" id=\"period\" name=\"period\">");
        foreach (var (group, label) in new[] { ("academicYears", "Academic years"), ("terms", "Terms"), ("halfTerms", "Half terms"), ("months", "Months") })
        {
            b.Append($"<optgroup label=\"{label}\">");
            foreach (var p in (periods?[group] as System.Text.Json.Nodes.JsonArray ?? []).OfType<System.Text.Json.Nodes.JsonNode>().Reverse())
            {
                var key = PeriodChoice.KeyOf(p);
                b.Append($"<option value=\"{E(key)}\"{(key == context.Period.Key ? " selected" : "")}>{E(p["label"])}</option>");
            }
            b.Append("</optgroup>");
        }
        b.Append("</select></div>");
        if (cohort)
        {
            b.Append("<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"cohort\">Pupils</label><select class=\"govuk-select\" id=\"cohort\" name=\"cohort\">");
            foreach (var (value, label) in context.CohortOptions)
                b.Append($"<option value=\"{E(value)}\"{(value == context.Cohort ? " selected" : "")}>{E(label)}</option>");
            b.Append("</select></div>");
        }
        b.Append("<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Show</button></form>");
        return b.ToString();
    }

    /// <summary>Why a section is missing: outside the role, or the API refused or failed (its code shown, for support).</summary>
    public static string Unavailable(DocumentAnswer answer, string path, string what) =>
        answer.Forbidden(path) ? NotForRole(what)
        // A period the data cannot answer says why (e.g. weeks known only as DfE totals): the message names no pupil.
        : answer.Errors.FirstOrDefault(e => e.Code == "BAD_PERIOD") is { Message.Length: > 0 } period
            ? $"<div class=\"govuk-inset-text\">{E(what)} is not available for this period: {E(period.Message)}.</div>"
        // Disclosure control's refusal is not a failure to retry: it says what the role gets instead.
        : answer.Errors.FirstOrDefault(e => e.Code == PopulationTooDetailedError.ErrorCode) is { Message.Length: > 0 } tooDetailed
            ? $"<div class=\"govuk-inset-text\">{E(what)} is not published to your role at this level: {E(tooDetailed.Message)}.</div>"
        : $"<div class=\"govuk-inset-text\">{E(what)} could not be loaded ({E(string.Join(", ", answer.Errors.Select(e => e.Code).Distinct()))}). Try again, or choose a shorter period.</div>";

    /// <summary>Tells the reader a section is outside their role rather than leaving a silent gap.</summary>
    public static string NotForRole(string what) =>
        $"<div class=\"govuk-inset-text\">{E(what)} is not available to your role.</div>";
}

using System.Text;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using static AttendanceGraph.Api.Dashboard.Html;

namespace AttendanceGraph.Api.Dashboard.Pages;

/// <summary>
/// Development sign-in: pick a role (and a school for the school role) and the dashboard holds a development token
/// for it, signed with the development key exactly as the start-up banner's tokens are — so a new user can see every
/// view in turn. Outside Development the page says how sign-in is configured instead of offering tokens.
/// </summary>
internal static class SignInPage
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static IResult Render(HttpContext http, string? error = null)
    {
        // The LA's identity provider, when configured, is the way in (Development's role picker gives way to it).
        if (DashboardOpenIdConnect.Settings(http.RequestServices.GetRequiredService<IConfiguration>()).Enabled)
            return Results.Challenge(new Microsoft.AspNetCore.Authentication.AuthenticationProperties { RedirectUri = "/" }, [DashboardOpenIdConnect.Scheme]);
        if (!DevelopmentTokens(http, out _))
            return PageResult.Html(Layout.Page("Sign in", "<h1 class=\"govuk-heading-l\">Sign in</h1><p class=\"govuk-body\">Sign-in with your organisation's account is not configured on this server. "
                + "Ask your administrator, or call the GraphQL API at <a class=\"govuk-link\" href=\"/graphql\">/graphql</a> with a bearer token.</p>", null));
        var schools = SchoolsForPicker(http);
        var b = new StringBuilder("<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">");
        if (error is not null)
            b.Append($"<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\"><h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\"><ul class=\"govuk-list govuk-error-summary__list\"><li><a href=\"#role\">{E(error)}</a></li></ul></div></div></div>");
        b.Append("<h1 class=\"govuk-heading-l\">Sign in with a development role</h1>");
        b.Append("<p class=\"govuk-body\">This server runs in Development: choose the role to view the dashboard as. Each role sees exactly what its GraphQL token may query.</p>");
        b.Append($"<form method=\"post\" action=\"/sign-in\" novalidate>{Forms.Antiforgery(http)}");
        b.Append("<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">Role</legend><div class=\"govuk-radios\" data-module=\"govuk-radios\">");
        var descriptions = new Dictionary<string, string>
        {
            [Roles.LaLead] = "The LA's attendance lead: every school and pupil.",
            [Roles.VirtualSchool] = "The Virtual School Head: every aggregate; looked-after and social-worker pupils.",
            [Roles.School] = "A school's attendance lead: its own school and pupils only.",
            [Roles.BiReader] = "A BI tool: aggregates only, under disclosure control.",
        };
        foreach (var (role, i) in Roles.All.Select((r, i) => (r, i)))
        {
            var id = i == 0 ? "role" : $"role-{i}";
            b.Append($"<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"{id}\" name=\"role\" type=\"radio\" value=\"{E(role)}\"{(i == 0 ? " checked" : "")} aria-describedby=\"{id}-hint\">"
                + $"<label class=\"govuk-label govuk-radios__label\" for=\"{id}\">{E(role)}</label><div id=\"{id}-hint\" class=\"govuk-hint govuk-radios__hint\">{E(descriptions[role])}</div></div>");
        }
        b.Append("</div></fieldset></div>");
        b.Append("<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"urn\">School (for the school role)</label><select class=\"govuk-select\" id=\"urn\" name=\"urn\">");
        foreach (var s in schools) b.Append($"<option value=\"{s.Urn}\">{E(s.Name)} ({s.Urn})</option>");
        b.Append("</select></div><button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">Sign in</button></form></div></div>");
        return PageResult.Html(Layout.Page("Sign in", b.ToString(), null));
    }

    public static async Task<IResult> PostAsync(HttpContext http)
    {
        if (!DevelopmentTokens(http, out var settings)) return Results.NotFound();
        var form = await Forms.ReadValidatedAsync(http);
        if (form is null) return Render(http, "The form had expired. Choose a role again.");
        var role = form["role"].ToString();
        if (!Roles.All.Contains(role)) return Render(http, "Choose a role.");
        int? urn = null;
        if (role == Roles.School)
        {
            if (!int.TryParse(form["urn"], out var u) || SchoolsForPicker(http).All(s => s.Urn != u)) return Render(http, "Choose a school for the school role.");
            urn = u;
        }
        DashboardSession.SignIn(http, TokenIssuer.Create(settings, $"dev-{role}", role, urn, Lifetime), Lifetime);
        return Results.Redirect(urn is null ? "/" : $"/schools/{urn}", permanent: false);
    }

    public static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await Forms.ReadValidatedAsync(http);
        DashboardSession.SignOut(http);
        if (DashboardOpenIdConnect.Settings(http.RequestServices.GetRequiredService<IConfiguration>()).Enabled)
            await http.SignOutAsync(DashboardOpenIdConnect.CookieScheme);
        return Results.Redirect("/sign-in");
    }

    private static bool DevelopmentTokens(HttpContext http, out JwtSettings settings)
    {
        settings = http.RequestServices.GetRequiredService<IOptions<JwtSettings>>().Value;
        return http.RequestServices.GetRequiredService<IHostEnvironment>().IsDevelopment() && !string.IsNullOrEmpty(settings.SigningKey);
    }

    // Development only, before anyone is signed in: the picker's list of schools comes from the warehouse's facts.
    private static IReadOnlyList<SchoolInfo> SchoolsForPicker(HttpContext http)
    {
        try
        {
            return http.RequestServices.GetRequiredService<QueryContext>().Facts.Schools.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        }
        catch (WarehouseEmptyException)
        {
            return [];
        }
    }
}

using System.Text;
using System.Text.Json.Nodes;
using static AttendanceGraph.Api.Dashboard.Html;

namespace AttendanceGraph.Api.Dashboard.Pages;

/// <summary>
/// The pack a school's attendance lead and the LA's officer work through at a Targeting Support Meeting: the school's
/// severely absent, persistently absent and at-risk pupils with their flags, patterns and last agreed action. Prints as
/// a clean A4 pack (dashboard.css) and ends with the form that records the meeting (<see cref="TsmMeetingForm"/>).
/// </summary>
internal static class TsmPackPage
{
    public static async Task<IResult> RenderAsync(DashboardContext context, int urn) => await RenderAsync(context, urn, null, null);

    public static async Task<IResult> RenderAsync(DashboardContext context, int urn, IReadOnlyList<string>? formErrors, IFormCollection? form)
    {
        var (pack, failed) = await LoadAsync(context, urn);
        if (pack is null)
        {
            var forbidden = failed?.Forbidden("tsmPack") == true;
            var why = failed?.Errors.Count > 0 ? Layout.Unavailable(failed, "tsmPack", "This school's Targeting Support Meeting pack") : "<p class=\"govuk-body\">There is no school with that URN.</p>";
            return Results.Content(Layout.Page("TSM pack not found", $"<h1 class=\"govuk-heading-l\">Targeting Support Meeting pack</h1>{why}", context),
                "text/html; charset=utf-8", null, forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
        }
        var pupils = pack["pupils"]!["nodes"]!.AsArray().OfType<JsonNode>().ToList();
        var page = new PageResult();
        var school = pack["school"]!["name"]!.ToString();
        var b = new StringBuilder();
        if (context.Http.Request.Query["recorded"] == "1")
            b.Append("<div class=\"govuk-notification-banner govuk-notification-banner--success ag-no-print\" role=\"alert\" aria-labelledby=\"recorded-title\" data-module=\"govuk-notification-banner\"><div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" id=\"recorded-title\">Success</h2></div><div class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">The meeting was recorded. Each pupil's last agreed action now shows in the pack.</p></div></div>");
        b.Append($"<span class=\"govuk-caption-l\">{E(school)} · URN {urn}</span><h1 class=\"govuk-heading-l\">Targeting Support Meeting pack: {E(pack["period"]!["label"])}</h1>");
        b.Append(Layout.Pickers(context, cohort: false));
        b.Append($"<p class=\"govuk-body\">Registers read as of {Date(pack["asOf"])}. Change is against {E(pack["previousPeriod"]?["label"])}. "
            + $"{Count(pack["pupilsMeasured"])} pupils measured: <strong>{Count(pack["severeAbsence"])}</strong> severely absent, "
            + $"<strong>{Count(pack["persistentAbsence"])}</strong> persistently absent, <strong>{Count(pack["atRisk"])}</strong> at risk.</p>");
        b.Append($"<p class=\"govuk-body-s ag-print-only\"><strong>OFFICIAL-SENSITIVE: pupil-level data.</strong> Printed from the {Layout.ServiceName} for the meeting; keep it secure and destroy it afterwards.</p>");
        b.Append("<p class=\"govuk-body ag-no-print\">Print this page for the meeting: the printed pack leaves out the navigation and the form.</p>");
        var table = page.Add(new DataTable("tsm-pupils", $"Pupils in the pack ({pupils.Count})",
            ["UPN", "Year", "Band", "Attendance", "Change", "Main absence codes (sessions)", "Flags and patterns", "Last agreed action"],
            pupils.Select(Row).ToList()));
        b.Append("<div class=\"ag-table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Pupils in the pack, scrolls sideways\">").Append(table.ToHtml("govuk-table__caption--m")).Append("</div>");
        b.Append($"<p class=\"govuk-body-s ag-no-print\"><a class=\"govuk-link\" href=\"{E(PageResult.CsvHref(context, table))}\" download>Download the pack's pupils (CSV)</a></p>");
        b.Append(TsmMeetingForm.Render(context, urn, pupils.Select(p => p["upn"]!.ToString()).ToList(), formErrors, form));
        return page.Respond(context, $"TSM pack: {school}", b.ToString(), context.User.IsSchool ? $"/schools/{urn}/tsm" : "/schools");
    }

    internal static async Task<(JsonNode? Pack, DocumentAnswer? Failed)> LoadAsync(DashboardContext context, int urn)
    {
        var variables = new Dictionary<string, object?> { ["urn"] = urn, ["period"] = context.Period.Key.Length == 0 ? null : context.Period.Input() };
        JsonNode? pack = null;
        var all = new JsonArray();
        for (var i = 0; i < 50; i++)
        {
            var answer = await context.Documents.RunAsync(context.Http, "TsmPack", variables);
            if (answer.Data?["tsmPack"] is not { } page) return (null, answer);
            pack ??= page;
            foreach (var node in page["pupils"]!["nodes"]!.AsArray().ToList()) all.Add(node!.DeepClone());
            if (page["pupils"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>() != true) break;
            variables["after"] = page["pupils"]!["pageInfo"]!["endCursor"]!.ToString();
        }
        // Reasons and open N codes come from a second document (each keeps within the complexity budget), joined on UPN.
        variables.Remove("after");
        var reasons = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        for (var i = 0; i < 50; i++)
        {
            var answer = await context.Documents.RunAsync(context.Http, "TsmPackReasons", variables);
            var pupils = answer.Data?["tsmPack"]?["pupils"];
            foreach (var node in (pupils?["nodes"] as JsonArray ?? []).OfType<JsonNode>()) reasons[node["upn"]!.ToString()] = node;
            if (pupils?["pageInfo"]?["hasNextPage"]?.GetValue<bool>() != true) break;
            variables["after"] = pupils["pageInfo"]!["endCursor"]!.ToString();
        }
        foreach (var pupil in all.OfType<JsonNode>())
        {
            var found = reasons.GetValueOrDefault(pupil["upn"]!.ToString());
            pupil["mainAbsenceReasons"] = found?["mainAbsenceReasons"]?.DeepClone();
            pupil["overdueUnexplainedAbsences"] = found?["overdueUnexplainedAbsences"]?.DeepClone();
        }
        pack!["pupils"]!["nodes"] = all;
        return (pack, null);
    }

    private static IReadOnlyList<Cell> Row(JsonNode p)
    {
        var flags = new List<string>();
        var c = p["cohortFlags"];
        foreach (var (field, label) in new[] { ("senSupport", "SEN support"), ("ehcPlan", "EHC plan"), ("childInNeed", "Child in need"), ("childProtectionPlan", "Child protection plan"),
                                              ("lookedAfter", "Looked after"), ("previouslyLookedAfter", "Previously looked after"), ("freeSchoolMeals", "FSM") })
            if (c?[field]?.GetValue<bool>() == true) flags.Add(label);
        if (p["falling"]?.GetValue<bool>() == true) flags.Add("Falling");
        if (p["weekdays"]?["mondayFlag"]?.GetValue<bool>() == true) flags.Add("Monday absences");
        if (p["weekdays"]?["fridayFlag"]?.GetValue<bool>() == true) flags.Add("Friday absences");
        if (p["penaltyNotice"]?["thresholdMet"]?.GetValue<bool>() == true) flags.Add($"Penalty notice threshold ({p["penaltyNotice"]!["maxSessionsInWindow"]} sessions in 10 weeks)");
        if ((p["overdueUnexplainedAbsences"] as JsonArray)?.Count is > 0 and var n) flags.Add($"{n} unexplained (N) open");
        if (p["longestAbsenceSpell"]?.GetValue<int>() is >= 6 and var spell) flags.Add($"Longest absence {spell} sessions");
        var reasons = string.Join("; ", (p["mainAbsenceReasons"] as JsonArray ?? []).OfType<JsonNode>().Select(r => $"{r["code"]} × {r["sessions"]}"));
        var action = p["lastAgreedAction"] is { } a
            ? $"{Date(a["meetingDate"])}: {a["agreedAction"]} ({SupportLevelLabel(a["supportLevel"]?.ToString())}, {a["leadPractitioner"]}); since then {Points(Number(a["attendanceRateChangeSinceMeeting"]))}"
            : "None recorded";
        return
        [
            Cell.Of(p["upn"]?.ToString()), Cell.Of(p["ncYear"]?.ToString()), Cell.Of(BandLabel(p["band"]?.ToString())),
            Cell.Rate(Number(p["attendanceRate"])), Cell.Gap(Number(p["attendanceRateChange"])),
            Cell.Of(reasons), Cell.Of(flags.Count == 0 ? "None" : string.Join("; ", flags)), Cell.Of(action),
        ];
    }

    public static string BandLabel(string? band) => band switch
    {
        "SEVERE_ABSENCE" => "Severe (50%+)",
        "PERSISTENT_ABSENCE" => "Persistent (10%+)",
        "AT_RISK" => "At risk",
        _ => "Not in pack",
    };

    public static string SupportLevelLabel(string? level) => TsmMeetingForm.SupportLevels.FirstOrDefault(s => s.Value == level).Label ?? level ?? "";
}

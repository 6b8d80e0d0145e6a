using System.Text;
using System.Text.Json.Nodes;
using static AttendanceGraph.Api.Dashboard.Html;

namespace AttendanceGraph.Api.Dashboard.Pages;

/// <summary>
/// The strategic lead's view: the LA's headline measures against England and last year, by phase, the weekly trend
/// against last year, cohort gaps, a breakdown by a pupil characteristic, and the schools whose overall absence moved most.
/// </summary>
internal static class LocalAuthorityPage
{
    public const string Title = "Local authority";
    public const string Current = "/";

    /// <summary>Each section is sent as soon as its document has answered (<see cref="PageResult.FlushAsync"/>): the headline first.</summary>
    public static async Task<IResult> RenderAsync(DashboardContext context)
    {
        var la = await context.Documents.RunAsync(context.Http, "LocalAuthority", context.Variables());
        var authority = la.Data?["localAuthority"];
        var page = new PageResult();
        var b = new StringBuilder();
        b.Append($"<span class=\"govuk-caption-l\">{E(context.Period.Label)} · {E(context.CohortLabel)}</span>");
        b.Append($"<h1 class=\"govuk-heading-l\">{E(authority?["name"])}: attendance</h1>");
        b.Append(Layout.Pickers(context));
        if (authority is null)
        {
            b.Append(Layout.Unavailable(la, "localAuthority", "The local authority's figures"));
            return page.Respond(context, Title, b.ToString(), Current);
        }

        b.Append(Headlines(context, page, authority));
        b.Append(ByPhase(context, page, authority));
        await page.FlushAsync(context, Title, b, Current);
        var trend = await context.Documents.RunAsync(context.Http, "WeeklyTrend", new Dictionary<string, object?>
        {
            ["measure"] = "OVERALL_ABSENCE_RATE", ["academicYear"] = NullIfEmpty(context.Period.AcademicYear), ["cohortKey"] = context.CohortKey,
        });
        b.Append(WeeklyTrend(context, page, trend.Data?["yearOnYear"] as JsonArray));
        b.Append(CohortGaps(context, page, authority["cohortGaps"] as JsonArray));
        await page.FlushAsync(context, Title, b, Current);
        b.Append(await ByCharacteristicAsync(context, page));
        await page.FlushAsync(context, Title, b, Current);
        b.Append(await ChangedMostAsync(context, page));
        return page.Respond(context, Title, b.ToString(), Current);
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static string Headlines(DashboardContext context, PageResult page, JsonNode authority)
    {
        var now = authority["measures"];
        var before = authority["lastYear"];
        var national = authority["national"];
        var b = new StringBuilder("<div class=\"govuk-grid-row ag-cards\">");
        foreach (var m in Measures.All.Where(m => m.Enum is "OVERALL_ABSENCE_RATE" or "PERSISTENT_ABSENCE_RATE" or "SEVERE_ABSENCE_RATE"))
        {
            var value = Number(now?[m.Field]);
            var change = value - Number(before?[m.Field]);
            b.Append($"""
                <div class="govuk-grid-column-one-third"><div class="ag-card">
                  <p class="govuk-body-s ag-card__label">{E(m.Label)}</p>
                  <p class="ag-card__value">{Percent(value)}</p>
                  <p class="govuk-body-s">{Points(change)} on last year · England {Percent(Measures.National(national, m))}</p>
                </div></div>
                """);
        }
        b.Append("</div>");
        var table = page.Add(new DataTable("headline", "Headline measures", ["Measure", "This period", "Same period last year", "Change", "England"],
            Measures.All.Select(m => (IReadOnlyList<Cell>)
            [
                Cell.Of(m.Label), Cell.Rate(Number(now?[m.Field])), Cell.Rate(Number(before?[m.Field])),
                Cell.Gap(Number(now?[m.Field]) - Number(before?[m.Field])), Cell.Rate(Measures.National(national, m)),
            ]).ToList()));
        var source = Measures.EnglandBasis(authority["nationalComparison"]);
        return $"<h2 class=\"govuk-heading-m\">Headline measures</h2>{b}<p class=\"govuk-body-s\">{source} Enrolments this period: {Count(now?["enrolments"])}.</p>"
            + PageResult.TableWithDownload(context, table);
    }

    private static string ByPhase(DashboardContext context, PageResult page, JsonNode authority)
    {
        var rows = (authority["byPhase"] as JsonArray ?? []).OfType<JsonNode>().Select(p => (IReadOnlyList<Cell>)
        [
            Cell.Of(Measures.PhaseLabel(p["phase"]?.ToString())), Cell.Number(Number(p["measures"]?["enrolments"])),
            Cell.Rate(Number(p["measures"]?["overallAbsenceRate"])), Cell.Rate(Number(p["national"]?["overallAbsenceRate"])),
            Cell.Rate(Number(p["measures"]?["persistentAbsenceRate"])), Cell.Rate(Number(p["national"]?["persistentAbsenceRate"])),
        ]).ToList();
        var table = page.Add(new DataTable("by-phase", "Overall and persistent absence by phase",
            ["Phase", "Enrolments", "Overall absence", "Overall absence, England", "Persistent absence", "Persistent absence, England"], rows));
        return "<h2 class=\"govuk-heading-m\">By phase</h2>"
            + new Chart(table, "bar", [2, 3, 4, 5], "% of sessions or enrolments").ToHtml(PageResult.CsvHref(context, table));
    }

    private static string WeeklyTrend(DashboardContext context, PageResult page, JsonArray? points)
    {
        var rows = (points ?? []).OfType<JsonNode>().Select(p => (IReadOnlyList<Cell>)
        [
            new Cell($"Week {p["weekOfAcademicYear"]}", p["weekStarting"]?.ToString() ?? ""),
            Cell.Of(Date(p["weekStarting"])),
            Cell.Rate(Number(p["value"])), Cell.Rate(Number(p["previousValue"])),
        ]).ToList();
        var table = page.Add(new DataTable("weekly-trend", $"Overall absence week by week, {context.Period.AcademicYear} against the year before",
            ["Week of the academic year", "Week starting", "This year", "Last year"], rows));
        return "<h2 class=\"govuk-heading-m\">Weekly trend</h2>"
            + new Chart(table, "line", [2, 3], "Overall absence (%)", new HashSet<int> { 3 }).ToHtml(PageResult.CsvHref(context, table));
    }

    private static string CohortGaps(DashboardContext context, PageResult page, JsonArray? gaps)
    {
        var rows = (gaps ?? []).OfType<JsonNode>().Select(g => (IReadOnlyList<Cell>)
        [
            Cell.Of(g["label"]?.ToString()), Cell.Number(Number(g["measures"]?["enrolments"])),
            Cell.Rate(Number(g["measures"]?["overallAbsenceRate"])), Cell.Rate(Number(g["rest"]?["overallAbsenceRate"])),
            Cell.Gap(Number(g["overallAbsenceRateGap"])), Cell.Gap(Number(g["persistentAbsenceRateGap"])),
        ]).ToList();
        var table = page.Add(new DataTable("cohort-gaps", "Cohort gaps: each cohort against all other pupils",
            ["Cohort", "Enrolments", "Overall absence", "All other pupils", "Gap in overall absence", "Gap in persistent absence"], rows));
        return "<h2 class=\"govuk-heading-m\">Cohort gaps</h2>"
            + new Chart(table, "bar", [4, 5], "Gap (percentage points)").ToHtml(PageResult.CsvHref(context, table));
    }

    /// <summary>The characteristics the picker offers, as the API's enum names them, with the words the page shows.</summary>
    private static readonly (string Value, string Label)[] Characteristics =
    [
        ("ETHNICITY_MAJOR", "Ethnic group"), ("ETHNICITY", "Ethnicity"), ("EAL", "First language"), ("SEN_NEED", "SEN primary need"),
        ("YEAR_GROUP", "Year group"), ("SEX", "Sex"), ("RESIDENCY", "Where pupils live"),
    ];

    private static async Task<string> ByCharacteristicAsync(DashboardContext context, PageResult page)
    {
        var asked = context.Http.Request.Query["by"].ToString();
        var (by, byLabel) = Characteristics.FirstOrDefault(c => c.Value == asked) is { Value: not null } known ? known : Characteristics[0];
        var answer = await context.Documents.RunAsync(context.Http, "LocalAuthorityBreakdown", context.Variables(("by", by)));
        var picker = new StringBuilder("<form method=\"get\" class=\"ag-pickers\" aria-label=\"Pupil characteristic\">");
        foreach (var (name, value) in new[] { ("period", context.Period.Key), ("cohort", context.CohortKey) })
            if (!string.IsNullOrEmpty(value)) picker.Append($"<input type=\"hidden\" name=\"{name}\" value=\"{E(value)}\">");
        picker.Append("<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"by\">Break down by</label><select class=\"govuk-select\" id=\"by\" name=\"by\">");
        foreach (var (value, label) in Characteristics)
            picker.Append($"<option value=\"{value}\"{(value == by ? " selected" : "")}>{E(label)}</option>");
        picker.Append("</select></div><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Show</button></form>");
        const string heading = "<h2 class=\"govuk-heading-m\">By pupil characteristic</h2>";
        if (answer.Data?["localAuthority"]?["breakdown"] is not JsonArray groups) return heading + picker + Layout.Unavailable(answer, "localAuthority", "The breakdown");
        var rows = groups.OfType<JsonNode>().Select(g => (IReadOnlyList<Cell>)
        [
            Cell.Of(g["label"]?.ToString()), Cell.Number(Number(g["measures"]?["enrolments"])),
            Cell.Rate(Number(g["measures"]?["overallAbsenceRate"])), Cell.Rate(Number(g["measures"]?["persistentAbsenceRate"])),
            Cell.Rate(Number(g["measures"]?["severeAbsenceRate"])),
        ]).ToList();
        var table = page.Add(new DataTable("by-characteristic", $"Overall, persistent and severe absence by {byLabel.ToLowerInvariant()}",
            [byLabel, "Enrolments", "Overall absence", "Persistent absence", "Severe absence"], rows));
        return heading + picker + "<p class=\"govuk-body-s\">Pupils whose value was never loaded are shown as “Not known”.</p>"
            + new Chart(table, "bar", [2, 3, 4], "% of sessions or enrolments").ToHtml(PageResult.CsvHref(context, table));
    }

    private static async Task<string> ChangedMostAsync(DashboardContext context, PageResult page)
    {
        var schools = new List<JsonNode>();
        string? after = null;
        var forbidden = false;
        // Every page of schools (100 at most each): the biggest movers may be anywhere in the list.
        for (var i = 0; i < 50; i++)
        {
            var answer = await context.Documents.RunAsync(context.Http, "SchoolsChangedMost", context.Variables(("after", after)));
            forbidden |= answer.Forbidden("schools");
            var connection = answer.Data?["schools"];
            schools.AddRange((connection?["nodes"] as JsonArray ?? []).OfType<JsonNode>());
            if (connection?["pageInfo"]?["hasNextPage"]?.GetValue<bool>() != true) break;
            after = connection["pageInfo"]!["endCursor"]!.ToString();
        }
        if (forbidden) return "<h2 class=\"govuk-heading-m\">Schools that changed most</h2>" + Layout.NotForRole("The list of schools");
        var movers = schools
            .Select(s => (School: s, Now: Number(s["now"]?["overallAbsenceRate"]), Change: Number(s["now"]?["overallAbsenceRate"]) - Number(s["before"]?["overallAbsenceRate"])))
            .Where(s => s.Change is not null)
            .OrderByDescending(s => Math.Abs(s.Change!.Value)).ThenBy(s => s.School["name"]!.ToString(), StringComparer.Ordinal)
            .Take(10)
            .Select(s => (IReadOnlyList<Cell>)
            [
                new Cell(s.School["name"]!.ToString(), s.School["name"]!.ToString(), context.Link($"/schools/{s.School["urn"]}")),
                Cell.Of(Measures.PhaseLabel(s.School["phase"]?.ToString())),
                Cell.Rate(s.Now), Cell.Gap(s.Change),
                Cell.Of(s.Change > 0 ? "Worse" : s.Change < 0 ? "Better" : "Same"),
            ]).ToList();
        var table = page.Add(new DataTable("changed-most", "The 10 schools whose overall absence changed most since the same period last year",
            ["School", "Phase", "Overall absence", "Change", "Direction"], movers));
        return "<h2 class=\"govuk-heading-m\">Schools that changed most</h2>" + PageResult.TableWithDownload(context, table);
    }
}

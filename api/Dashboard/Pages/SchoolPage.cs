using System.Text;
using System.Text.Json.Nodes;
using static AttendanceGraph.Api.Dashboard.Html;

namespace AttendanceGraph.Api.Dashboard.Pages;

/// <summary>
/// One school: its measures against the LA and England for its phase and last year, its weekly trend beside the LA's,
/// its cohorts, its position among its peers (anonymous: ranks only), its named contact and light-touch status, and
/// links to its TSM packs for each half term.
/// </summary>
internal static class SchoolPage
{
    public static async Task<IResult> RenderAsync(DashboardContext context, int urn)
    {
        var answer = await context.Documents.RunAsync(context.Http, "School", context.Variables(("urn", urn)));
        var school = answer.Data?["school"];
        if (school is null)
        {
            var why = answer.Errors.Count > 0 ? Layout.Unavailable(answer, "school", "This school") : "<p class=\"govuk-body\">There is no school with that URN.</p>";
            return Results.Content(Layout.Page("School not found", $"<h1 class=\"govuk-heading-l\">School not found</h1>{why}", context), "text/html; charset=utf-8",
                null, answer.Forbidden("school") ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound);
        }
        var page = new PageResult();
        var name = school["name"]!.ToString();
        var current = context.User.IsSchool ? $"/schools/{urn}" : "/schools";
        var b = new StringBuilder();
        b.Append($"<span class=\"govuk-caption-l\">{E(context.Period.Label)} · {E(context.CohortLabel)}</span><h1 class=\"govuk-heading-l\">{E(name)}</h1>");
        b.Append(Summary(school));
        b.Append(Layout.Pickers(context));
        b.Append(MeasuresTable(context, page, school));
        // The school is there and the role may see it: the page answers 200 and can be sent as it is made.
        await page.FlushAsync(context, name, b, current);
        var trend = await context.Documents.RunAsync(context.Http, "SchoolTrend", new Dictionary<string, object?>
        {
            ["urn"] = urn, ["academicYear"] = context.Period.AcademicYear.Length == 0 ? null : context.Period.AcademicYear, ["cohortKey"] = context.CohortKey,
        });
        b.Append(Trend(context, page, trend.Data, school));
        b.Append(Peers(context, page, school["benchmark"]?["peers"] as JsonArray));
        b.Append(Cohorts(context, page, school["cohorts"] as JsonArray));
        b.Append(TsmPacks(context, urn));
        return page.Respond(context, name, b.ToString(), current);
    }

    private static string Summary(JsonNode school)
    {
        var contact = school["contact"];
        var who = contact?["name"] is { } n ? E(n) + (contact["email"] is { } mail ? $" (<a class=\"govuk-link\" href=\"mailto:{E(mail)}\">{E(mail)}</a>)" : "") : "None assigned";
        var rows = new (string Key, string Value)[]
        {
            ("URN", E(school["urn"])), ("LAESTAB", E(school["laestab"])), ("Phase", E(Measures.PhaseLabel(school["phase"]?.ToString()))),
            ("Type", E(school["establishmentType"])), ("Status", E(school["status"])),
            ("Attendance Support Team contact", who),
            ("Light touch", contact?["lightTouch"]?.GetValue<bool>() == true ? "Yes: the team treats the school as light touch" : "No"),
        };
        return "<dl class=\"govuk-summary-list\">" + string.Concat(rows.Select(r =>
            $"<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">{E(r.Key)}</dt><dd class=\"govuk-summary-list__value\">{r.Value}</dd></div>")) + "</dl>";
    }

    private static string MeasuresTable(DashboardContext context, PageResult page, JsonNode school)
    {
        var bench = school["benchmark"];
        var table = page.Add(new DataTable("measures", "Measures against the LA, England and last year",
            ["Measure", "School", "LA (phase)", "England (phase)", "School last year", "Change"],
            Measures.All.Select(m => (IReadOnlyList<Cell>)
            [
                Cell.Of(m.Label), Cell.Rate(Number(bench?["measures"]?[m.Field])), Cell.Rate(Number(bench?["localAuthorityPhase"]?[m.Field])),
                Cell.Rate(Measures.National(bench?["national"], m)), Cell.Rate(Number(school["lastYear"]?[m.Field])),
                Cell.Gap(Number(bench?["measures"]?[m.Field]) - Number(school["lastYear"]?[m.Field])),
            ]).ToList()));
        return $"<h2 class=\"govuk-heading-m\">Measures</h2><p class=\"govuk-body\">Enrolments this period: {Count(bench?["measures"]?["enrolments"])}. " +
               $"{Measures.EnglandBasis(bench?["nationalComparison"])}</p>"
            + PageResult.TableWithDownload(context, table);
    }

    private static string Trend(DashboardContext context, PageResult page, JsonNode? data, JsonNode school)
    {
        var la = (data?["localAuthority"] as JsonArray ?? []).OfType<JsonNode>().ToDictionary(p => p["weekOfAcademicYear"]!.GetValue<int>(), p => Number(p["value"]));
        var england = Number(school["benchmark"]?["national"]?["overallAbsenceRate"]);
        var rows = (data?["school"] as JsonArray ?? []).OfType<JsonNode>().Select(p => (IReadOnlyList<Cell>)
        [
            new Cell($"Week {p["weekOfAcademicYear"]}", p["weekStarting"]?.ToString() ?? ""), Cell.Of(Date(p["weekStarting"])),
            Cell.Rate(Number(p["value"])), Cell.Rate(la.GetValueOrDefault(p["weekOfAcademicYear"]!.GetValue<int>())), Cell.Rate(england),
        ]).ToList();
        var table = page.Add(new DataTable("trend", $"Overall absence week by week, {context.Period.AcademicYear}: the school, the LA and England",
            ["Week of the academic year", "Week starting", "School", "LA (all schools)", "England (phase, year)"], rows));
        return "<h2 class=\"govuk-heading-m\">Trend</h2>"
            + new Chart(table, "line", [2, 3, 4], "Overall absence (%)", new HashSet<int> { 4 }).ToHtml(PageResult.CsvHref(context, table));
    }

    private static string Peers(DashboardContext context, PageResult page, JsonArray? peers)
    {
        var table = page.Add(new DataTable("peers", "Position among the LA's schools of the same phase",
            ["Measure", "School", "Rank (1 is best)", "Schools", "Percentile (100 is best)", "Quartile (1 is best)"],
            (peers ?? []).OfType<JsonNode>().Select(p => (IReadOnlyList<Cell>)
            [
                Cell.Of(Measures.ByEnum(p["measure"]?.ToString()).Label), Cell.Rate(Number(p["value"])), Cell.Number(Number(p["rank"])),
                Cell.Number(Number(p["peerCount"])), new Cell(Number(p["percentile"]) is { } pc ? pc.ToString("0") : "–", Invariant(Number(p["percentile"])), Numeric: true),
                Cell.Number(Number(p["quartile"])),
            ]).ToList()));
        return "<h2 class=\"govuk-heading-m\">Peer position</h2>" + PageResult.TableWithDownload(context, table);
    }

    private static string Cohorts(DashboardContext context, PageResult page, JsonArray? cohorts)
    {
        var table = page.Add(new DataTable("cohorts", "Each cohort against the school's other pupils",
            ["Cohort", "Enrolments", "Overall absence", "Other pupils", "Gap", "Persistent absence"],
            (cohorts ?? []).OfType<JsonNode>().Select(c => (IReadOnlyList<Cell>)
            [
                Cell.Of(c["label"]?.ToString()), Cell.Number(Number(c["measures"]?["enrolments"])), Cell.Rate(Number(c["measures"]?["overallAbsenceRate"])),
                Cell.Rate(Number(c["rest"]?["overallAbsenceRate"])), Cell.Gap(Number(c["overallAbsenceRateGap"])), Cell.Rate(Number(c["measures"]?["persistentAbsenceRate"])),
            ]).ToList()));
        return "<h2 class=\"govuk-heading-m\">Cohorts</h2>" + PageResult.TableWithDownload(context, table);
    }

    private static string TsmPacks(DashboardContext context, int urn)
    {
        if (context.User.IsBiReader) return "";
        var halfTerms = (context.Pickers?["periods"]?["halfTerms"] as JsonArray ?? []).OfType<JsonNode>()
            .Where(h => context.Period.AcademicYear.Length == 0 || h["academicYear"]?.ToString() == context.Period.AcademicYear).ToList();
        var items = halfTerms.Select(h => $"<li><a class=\"govuk-link\" href=\"{E(context.Link($"/schools/{urn}/tsm", ("period", PeriodChoice.KeyOf(h)), ("cohort", null)))}\">TSM pack for {E(h["label"])}</a></li>");
        return $"<h2 class=\"govuk-heading-m\">Targeting Support Meeting packs</h2><ul class=\"govuk-list\">{string.Concat(items)}</ul>";
    }
}

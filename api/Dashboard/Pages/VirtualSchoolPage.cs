using System.Text;
using System.Text.Json.Nodes;
using AttendanceGraph.Schema.Cohorts;
using static AttendanceGraph.Api.Dashboard.Html;

namespace AttendanceGraph.Api.Dashboard.Pages;

/// <summary>
/// The Virtual School Head's view: looked-after children (or children with a social worker, or previously looked-after
/// children) reported as one school — its measures, its cohort breakdown and, for roles that may see them, its pupils
/// with their current school, band, patterns and penalty-notice status.
/// </summary>
internal static class VirtualSchoolPage
{
    private static readonly (string Value, string Label)[] Cohorts =
        [("LOOKED_AFTER", "Looked-after children"), ("SOCIAL_WORKER", "Children with a social worker"), ("PREVIOUSLY_LOOKED_AFTER", "Previously looked-after children")];

    public const string Title = "Virtual School";
    public const string Current = "/virtual-school";

    /// <summary>The measures, the cohort breakdown and the pupils are each sent as their document answers (<see cref="PageResult.FlushAsync"/>).</summary>
    public static async Task<IResult> RenderAsync(DashboardContext context)
    {
        var requested = context.Http.Request.Query["school"].ToString();
        var cohort = Cohorts.Any(c => c.Value == requested) ? requested : "LOOKED_AFTER";
        var variables = Variables(context, cohort);
        var answer = await context.Documents.RunAsync(context.Http, "VirtualSchool", variables);
        var vs = answer.Data?["virtualSchool"];
        var page = new PageResult();
        var b = new StringBuilder();
        b.Append($"<span class=\"govuk-caption-l\">{E(context.Period.Label)}</span><h1 class=\"govuk-heading-l\">Virtual School: {E(vs?["label"] ?? Cohorts.First(c => c.Value == cohort).Label)}</h1>");
        b.Append(Pickers(context, cohort));
        if (vs is null)
        {
            b.Append(Layout.Unavailable(answer, "virtualSchool", "The Virtual School"));
            return page.Respond(context, Title, b.ToString(), Current);
        }
        var headline = page.Add(new DataTable("virtual-school-measures", "Measures against the same period last year",
            ["Measure", "This period", "Same period last year", "Change"],
            Measures.All.Select(m => (IReadOnlyList<Cell>)
            [
                Cell.Of(m.Label), Cell.Rate(Number(vs["measures"]?[m.Field])), Cell.Rate(Number(vs["lastYear"]?[m.Field])),
                Cell.Gap(Number(vs["measures"]?[m.Field]) - Number(vs["lastYear"]?[m.Field])),
            ]).ToList()));
        var where = ReportingCohort.Find(cohort)?.VirtualSchoolAtLaSchoolsOnly == true
            ? "at the LA's schools while in the cohort: the Virtual School Head's duty is to previously looked-after children educated in the LA's area"
            : "at every school while in the cohort, other LAs' schools included";
        b.Append($"<h2 class=\"govuk-heading-m\">Measures</h2><p class=\"govuk-body\">Pupils this period: {Count(vs["measures"]?["enrolments"])} (each pupil's sessions {where}).</p>");
        b.Append(PageResult.TableWithDownload(context, headline));
        b.Append("<h2 class=\"govuk-heading-m\">Cohort breakdown</h2>");
        await page.FlushAsync(context, Title, b, Current);
        var cohortsAnswer = await context.Documents.RunAsync(context.Http, "VirtualSchoolCohorts", variables);
        if (cohortsAnswer.Data?["virtualSchool"]?["cohortBreakdown"] is not JsonArray cohorts)
            b.Append(Layout.Unavailable(cohortsAnswer, "virtualSchool.cohortBreakdown", "The cohort breakdown"));
        else
        {
            var breakdown = page.Add(new DataTable("virtual-school-cohorts", "Cohorts within the Virtual School against the rest of it",
                ["Cohort", "Pupils", "Overall absence", "Rest of the Virtual School", "Gap", "Persistent absence"],
                cohorts.OfType<JsonNode>().Select(c => (IReadOnlyList<Cell>)
                [
                    Cell.Of(c["label"]?.ToString()), Cell.Number(Number(c["measures"]?["enrolments"])), Cell.Rate(Number(c["measures"]?["overallAbsenceRate"])),
                    Cell.Rate(Number(c["rest"]?["overallAbsenceRate"])), Cell.Gap(Number(c["overallAbsenceRateGap"])), Cell.Rate(Number(c["measures"]?["persistentAbsenceRate"])),
                ]).ToList()));
            b.Append(PageResult.TableWithDownload(context, breakdown));
        }
        b.Append("<h2 class=\"govuk-heading-m\">Pupils</h2>");
        await page.FlushAsync(context, Title, b, Current);
        var pupilAnswer = await context.Documents.RunAsync(context.Http, "VirtualSchoolPupils", variables);
        if (pupilAnswer.Data?["virtualSchool"]?["pupils"] is not JsonNode pupils)
            b.Append(Layout.Unavailable(pupilAnswer, "virtualSchool.pupils", "Pupil-level data"));
        else
        {
            var table = page.Add(new DataTable("virtual-school-pupils", $"Pupils, lowest attendance first ({pupils["nodes"]!.AsArray().Count} of {pupils["totalCount"]})",
                ["UPN", "Year", "Current school", "Out of area", "Band", "Attendance", "Change", "Patterns", "Penalty notice"],
                pupils["nodes"]!.AsArray().OfType<JsonNode>().Select(p => (IReadOnlyList<Cell>)
                [
                    Cell.Of(p["upn"]?.ToString()), Cell.Of(p["ncYear"]?.ToString()),
                    p["currentSchool"] is { } s ? new Cell(s["name"]!.ToString(), s["name"]!.ToString(), context.Link($"/schools/{s["urn"]}"))
                        : Cell.Of(p["currentPlacement"]?["name"]?.ToString() ?? "–"),
                    OutOfArea(p["currentPlacement"]),
                    Cell.Of(TsmPackPage.BandLabel(p["band"]?.ToString())), Cell.Rate(Number(p["attendanceRate"])), Cell.Gap(Number(p["attendanceRateChange"])),
                    Cell.Of(p["patternsUnavailable"] is not null ? NotKnown : Patterns(p)),
                    Cell.Of(p["patternsUnavailable"] is not null ? NotKnown
                        : p["penaltyNotice"]?["thresholdMet"]?.GetValue<bool>() == true ? $"Threshold reached ({p["penaltyNotice"]!["maxSessionsInWindow"]} sessions in 10 weeks)"
                        : "Below threshold"),
                ]).ToList()));
            b.Append("<div class=\"ag-table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Virtual School pupils, scrolls sideways\">").Append(table.ToHtml()).Append("</div>");
            b.Append($"<p class=\"govuk-body-s\"><a class=\"govuk-link\" href=\"{E(PageResult.CsvHref(context, table))}\" download>Download the pupils (CSV)</a></p>");
        }
        return page.Respond(context, Title, b.ToString(), Current);
    }

    private static Dictionary<string, object?> Variables(DashboardContext context, string cohort) => context.Variables(("cohort", cohort));

    /// <summary>
    /// The page's aggregates for its default Virtual School (looked-after children), for warm-on-publish
    /// (<see cref="DashboardWarmer"/>): its measures and cohort breakdown, with the page's own variables, and not its pupils,
    /// which are pupil-level data (audited, and never computed ahead of a reader).
    /// </summary>
    public static async Task<IResult> WarmAggregatesAsync(DashboardContext context)
    {
        var variables = Variables(context, "LOOKED_AFTER");
        await context.Documents.RunAsync(context.Http, "VirtualSchool", variables);
        await context.Documents.RunAsync(context.Http, "VirtualSchoolCohorts", variables);
        return Results.Empty;
    }

    /// <summary>
    /// "Out of area" with the school's LA (a GOV.UK tag in the page, plain text in the CSV) for a pupil placed at another LA's
    /// school, "No" at one of the LA's own.
    /// </summary>
    private static Cell OutOfArea(JsonNode? placement)
    {
        if (placement is null) return Cell.Of("–");
        if (placement["outOfArea"]?.GetValue<bool>() != true) return Cell.Of("No");
        var la = placement["laName"]?.ToString() + (placement["laCode"] is { } code ? $" ({code})" : "");
        var text = $"Out of area: {la}";
        return new Cell(text, text) { Html = $"<strong class=\"govuk-tag govuk-tag--yellow\">Out of area</strong> {E(la)}" };
    }

    /// <summary>A pupil some of whose weeks are DfE totals: their patterns and penalty-notice window are not known (never "None").</summary>
    private const string NotKnown = "Not known (weeks loaded as weekly totals)";

    private static string Patterns(JsonNode p)
    {
        var patterns = new List<string>();
        if (p["falling"]?.GetValue<bool>() == true) patterns.Add("Falling");
        if (p["weekdays"]?["mondayFlag"]?.GetValue<bool>() == true) patterns.Add("Monday absences");
        if (p["weekdays"]?["fridayFlag"]?.GetValue<bool>() == true) patterns.Add("Friday absences");
        if ((p["overdueUnexplainedAbsences"] as JsonArray)?.Count is > 0 and var n) patterns.Add($"{n} unexplained (N) open");
        if (p["longestAbsenceSpell"]?.GetValue<int>() is >= 6 and var spell) patterns.Add($"Longest absence {spell} sessions");
        return patterns.Count == 0 ? "None" : string.Join("; ", patterns);
    }

    private static string Pickers(DashboardContext context, string cohort)
    {
        var picker = Layout.Pickers(context, cohort: false);
        var select = "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"school\">Virtual School</label><select class=\"govuk-select\" id=\"school\" name=\"school\">"
            + string.Concat(Cohorts.Select(c => $"<option value=\"{c.Value}\"{(c.Value == cohort ? " selected" : "")}>{E(c.Label)}</option>")) + "</select></div>";
        // The Virtual School picker goes in the same GET form, before its button.
        return picker.Replace("<button type=\"submit\"", select + "<button type=\"submit\"", StringComparison.Ordinal);
    }
}

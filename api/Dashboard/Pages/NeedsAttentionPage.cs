using System.Text;
using System.Text.Json.Nodes;
using static AttendanceGraph.Api.Dashboard.Html;

namespace AttendanceGraph.Api.Dashboard.Pages;

/// <summary>
/// The exception list a team works from each morning, for one school (a school's own; the la-lead picks one): pupils
/// newly persistently or severely absent since the previous load (the newlyAbsent field), pupils who
/// reached the penalty-notice threshold, unexplained absences still open; and, for the roles that may see them,
/// looked-after children absent on the latest day with marks. Every list comes from the same GraphQL documents as
/// the TSM pack and the Virtual School.
/// </summary>
internal static class NeedsAttentionPage
{
    public const string Title = "Needs attention";
    public const string Current = "/needs-attention";

    /// <summary>The pickers, the school's lists and the looked-after children are each sent when ready (<see cref="PageResult.FlushAsync"/>).</summary>
    public static async Task<IResult> RenderAsync(DashboardContext context)
    {
        // The looked-after children's latest day does not depend on the school, so it runs beside the school's lists, on
        // a thread of its own (the executor runs a document's resolvers, and so its warehouse queries, synchronously) and in
        // a scope of its own. It is always awaited before the page ends: it reads the request (its user, items, headers and
        // abort token, none of which the page changes while it runs). A failure of its own shows in its section; when the
        // page itself fails, the page's error is the one reported.
        var lookedAfter = context.User.IsLaLead || context.User.IsVirtualSchool ? Task.Run(() => LookedAfterAbsentAnswerAsync(context)) : null;
        try
        {
            return await RenderAsync(context, lookedAfter);
        }
        finally
        {
            if (lookedAfter is not null) await ((Task)lookedAfter).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task<IResult> RenderAsync(DashboardContext context, Task<(string Day, DocumentAnswer Answer)?>? lookedAfter)
    {
        var page = new PageResult();
        var b = new StringBuilder($"<span class=\"govuk-caption-l\">{E(context.Period.Label)}</span><h1 class=\"govuk-heading-l\">Needs attention</h1>");
        int? urn = context.User.IsSchool ? context.User.Urn : int.TryParse(context.Http.Request.Query["urn"], out var u) ? u : null;
        if (!context.User.IsSchool && (context.User.IsLaLead))
            b.Append(await SchoolPickerAsync(context, urn));
        else
            b.Append(Layout.Pickers(context, cohort: false));
        await page.FlushAsync(context, Title, b, Current);

        if (urn is { } school && (context.User.IsLaLead || context.User.IsSchool))
        {
            var (pack, failed) = await TsmPackPage.LoadAsync(context, school);
            // No error and no pack: the URN names no school (as the TSM pack and school pages say), not a failed load.
            if (pack is null)
                b.Append(failed?.Errors.Count > 0 ? Layout.Unavailable(failed, "tsmPack", "The school's pupils") : "<p class=\"govuk-body\">There is no school with that URN.</p>");
            else b.Append($"<h2 class=\"govuk-heading-m\">{E(pack["school"]?["name"])}</h2>")
                .Append(await NewlyAbsentAsync(context, page, school, pack))
                .Append(SchoolLists(context, page, pack));
        }
        else if (context.User.IsLaLead)
            b.Append("<p class=\"govuk-body\">Choose a school to see its pupils who need attention.</p>");
        await page.FlushAsync(context, Title, b, Current);

        if (lookedAfter is not null)
            b.Append(LookedAfterAbsent(context, page, await lookedAfter));
        if (context.User.IsBiReader)
            b.Append(Layout.NotForRole("Pupil-level data"));
        return page.Respond(context, Title, b.ToString(), Current);
    }

    private static string SchoolLists(DashboardContext context, PageResult page, JsonNode pack)
    {
        var pupils = pack["pupils"]!["nodes"]!.AsArray().OfType<JsonNode>().ToList();
        var b = new StringBuilder();
        b.Append(List(context, page, "penalty-threshold", "Reached the penalty-notice threshold (10 unauthorised sessions in 10 school weeks)",
            pupils.Where(p => p["penaltyNotice"]?["thresholdMet"]?.GetValue<bool>() == true).ToList(),
            p => $"{p["penaltyNotice"]?["maxSessionsInWindow"]} sessions in the worst 10 weeks"));
        b.Append(List(context, page, "unexplained-open", "Unexplained absences (N) still open after 2 school days",
            pupils.Where(p => (p["overdueUnexplainedAbsences"] as JsonArray)?.Count > 0).ToList(),
            p => string.Join(", ", (p["overdueUnexplainedAbsences"] as JsonArray ?? []).OfType<JsonNode>().Select(d => Date(d["date"])).Distinct())));
        return b.ToString();
    }

    /// <summary>
    /// Since the previous load, not the previous period: the list a team works from each morning is what changed
    /// overnight, year to date as of the latest register day against the day the previous load's registers reached.
    /// </summary>
    private static async Task<string> NewlyAbsentAsync(DashboardContext context, PageResult page, int urn, JsonNode pack)
    {
        var answer = await context.Documents.RunAsync(context.Http, "NewlyAbsent", new Dictionary<string, object?> { ["urn"] = urn });
        if (answer.Data?["newlyAbsent"] is not { } newly) return Layout.Unavailable(answer, "newlyAbsent", "Pupils newly persistently or severely absent");
        if (newly["previousLoad"] is not { } previous)
            return "<h3 class=\"govuk-heading-s\">Newly persistently or severely absent since the previous load</h3>"
                + "<p class=\"govuk-body\">There is no previous load to compare with yet: the list starts with the next load.</p>";
        // The last agreed action comes from the pack's rows (the same pupil, the same school's meetings).
        var actions = pack["pupils"]!["nodes"]!.AsArray().OfType<JsonNode>().ToDictionary(p => p["upn"]!.ToString(), p => p["lastAgreedAction"]);
        var pupils = newly["pupils"]!.AsArray().OfType<JsonNode>().Select(p =>
        {
            var row = p.DeepClone();
            row["lastAgreedAction"] = actions.GetValueOrDefault(p["upn"]!.ToString())?.DeepClone();
            return row;
        }).ToList();
        return List(context, page, "newly-absent",
            $"Newly persistently or severely absent since the previous load (year to date to {Date(newly["asOf"])}, against {Date(previous["marksTo"])})", pupils,
            p => $"{TsmPackPage.BandLabel(p["band"]?.ToString())}: absence {Percent(p["overallAbsenceRate"])}, was {Percent(p["previousOverallAbsenceRate"])}");
    }

    private static string List(DashboardContext context, PageResult page, string id, string caption, List<JsonNode> pupils, Func<JsonNode, string> detail)
    {
        var table = page.Add(new DataTable(id, $"{caption} ({pupils.Count})", ["UPN", "Year", "Detail", "Last agreed action"],
            pupils.Select(p => (IReadOnlyList<Cell>)
            [
                Cell.Of(p["upn"]?.ToString()), Cell.Of(p["ncYear"]?.ToString()), Cell.Of(detail(p)),
                Cell.Of(p["lastAgreedAction"] is { } a ? $"{Date(a["meetingDate"])}: {a["agreedAction"]}" : "None recorded"),
            ]).ToList()));
        return PageResult.TableWithDownload(context, table);
    }

    private static async Task<(string Day, DocumentAnswer Answer)?> LookedAfterAbsentAnswerAsync(DashboardContext context)
    {
        var last = context.Pickers?["periods"]?["lastDate"]?.ToString();
        if (last is null) return null;
        var answer = await context.Documents.RunBesideAsync(context.Http, "VirtualSchoolPupils", new Dictionary<string, object?>
        {
            ["cohort"] = "LOOKED_AFTER", ["period"] = new Dictionary<string, object?> { ["from"] = last, ["to"] = last },
        });
        return (last, answer);
    }

    private static string LookedAfterAbsent(DashboardContext context, PageResult page, (string Day, DocumentAnswer Answer)? read)
    {
        if (read is not { } r) return "";
        var (last, answer) = r;
        var heading = $"<h2 class=\"govuk-heading-m\">Looked-after children absent on {Date(JsonValue.Create(last))}</h2>";
        if (answer.Data?["virtualSchool"]?["pupils"] is not { } pupils) return heading + Layout.Unavailable(answer, "virtualSchool", "Looked-after children's attendance");
        // Absent that day: attendance under 100% of the day's possible sessions.
        var absent = pupils["nodes"]!.AsArray().OfType<JsonNode>().Where(p => Number(p["attendanceRate"]) < 100).ToList();
        var table = page.Add(new DataTable("looked-after-absent", $"Looked-after children absent on the latest day ({absent.Count})", ["UPN", "Year", "Current school", "Attendance that day"],
            absent.Select(p => (IReadOnlyList<Cell>)
            [
                Cell.Of(p["upn"]?.ToString()), Cell.Of(p["ncYear"]?.ToString()),
                p["currentSchool"] is { } s ? new Cell(s["name"]!.ToString(), s["name"]!.ToString(), context.Link($"/schools/{s["urn"]}")) : Cell.Of("–"),
                Cell.Rate(Number(p["attendanceRate"])),
            ]).ToList()));
        return heading + PageResult.TableWithDownload(context, table);
    }

    private static async Task<string> SchoolPickerAsync(DashboardContext context, int? urn)
    {
        var (schools, failed) = await SchoolsPage.AllPagesAsync(context, "SchoolNames", new Dictionary<string, object?>());
        var picker = Layout.Pickers(context, cohort: false);
        if (failed is not null) return picker + Layout.Unavailable(failed, "schools", "The list of schools to choose from");
        var select = "<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"urn\">School</label><select class=\"govuk-select\" id=\"urn\" name=\"urn\"><option value=\"\">Choose a school</option>"
            + string.Concat(schools.OrderBy(s => s["name"]!.ToString(), StringComparer.Ordinal)
                .Select(s => $"<option value=\"{E(s["urn"])}\"{(s["urn"]!.ToString() == urn?.ToString() ? " selected" : "")}>{E(s["name"])}</option>"))
            + "</select></div>";
        return picker.Replace("<button type=\"submit\"", select + "<button type=\"submit\"", StringComparison.Ordinal);
    }
}

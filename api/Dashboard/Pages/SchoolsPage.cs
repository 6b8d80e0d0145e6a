using System.Text;
using System.Text.Json.Nodes;
using static AttendanceGraph.Api.Dashboard.Html;

namespace AttendanceGraph.Api.Dashboard.Pages;

/// <summary>
/// Every school the role may see in one sortable, filterable table (sorted and filtered by the API, so the URL is the
/// state): each measure against the LA and England for its phase, its quartile and its direction of travel.
/// </summary>
internal static class SchoolsPage
{
    private static readonly string[] Phases = ["PRIMARY", "SECONDARY", "SPECIAL", "OTHER"];

    // Sortable columns: the table's column index and the Measure the API sorts by (null: by name).
    private static readonly (int Column, string? Measure)[] Sortable =
        [(0, null), (4, "ATTENDANCE_RATE"), (5, "OVERALL_ABSENCE_RATE"), (8, "PERSISTENT_ABSENCE_RATE"), (9, "SEVERE_ABSENCE_RATE")];

    public const string Title = "Schools";
    public const string Current = "/schools";

    /// <summary>The heading and pickers are sent before the table's documents run (<see cref="PageResult.FlushAsync"/>).</summary>
    public static async Task<IResult> RenderAsync(DashboardContext context)
    {
        var query = context.Http.Request.Query;
        var phase = Phases.Contains(query["phase"].ToString()) ? query["phase"].ToString() : null;
        var type = NullIfEmpty(query["type"]);
        var name = NullIfEmpty(query["name"]);
        var sort = Measures.All.Any(m => m.Enum == query["sort"]) ? query["sort"].ToString() : null;
        var direction = query["dir"] == "ASCENDING" ? "ASCENDING" : "DESCENDING";

        var page = new PageResult();
        var b = new StringBuilder();
        b.Append($"<span class=\"govuk-caption-l\">{E(context.Period.Label)} · {E(context.CohortLabel)}</span><h1 class=\"govuk-heading-l\">Schools</h1>");
        b.Append(Layout.Pickers(context, cohort: true, ("phase", phase), ("type", type), ("name", name), ("sort", sort), ("dir", sort is null ? null : direction)));
        await page.FlushAsync(context, Title, b, Current);

        var (nodes, failed) = await AllPagesAsync(context, "Schools", context.Variables(("phase", phase), ("establishmentType", type),
            ("nameContains", name), ("orderBy", sort), ("direction", sort is null ? "ASCENDING" : direction)));
        if (failed is not null)
        {
            b.Append(Layout.Unavailable(failed, "schools", "The schools table"));
            return page.Respond(context, Title, b.ToString(), Current);
        }
        var types = (await AllPagesAsync(context, "SchoolTypes", new Dictionary<string, object?>())).Nodes
            .Select(n => n["establishmentType"]!.ToString()).Distinct().Order(StringComparer.Ordinal).ToList();

        var table = page.Add(new DataTable("schools", $"Schools ({nodes.Count})",
            ["School", "Phase", "Type", "Enrolments", "Attendance", "Overall absence", "LA (phase)", "England (phase)", "Persistent absence", "Severe absence",
             "Quartile", "Since last year"],
            nodes.Select(s => Row(context, s)).ToList()));

        b.Append(Filters(context, phase, type, name, types, sort, direction));
        b.Append("<p class=\"govuk-body-s\">LA and England are the overall absence of the school's phase. Quartile is the school's quarter of its phase on overall absence (1 is the lowest absence). Select a column heading to sort by it.</p>");
        b.Append("<div class=\"ag-table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Schools table, scrolls sideways\">");
        b.Append(table.ToHtml("govuk-table__caption--m", i => Header(context, table, i, sort, direction)));
        b.Append($"</div><p class=\"govuk-body-s\"><a class=\"govuk-link\" href=\"{E(PageResult.CsvHref(context, table))}\" download>Download the schools table (CSV)</a></p>");
        return page.Respond(context, Title, b.ToString(), Current);
    }

    /// <summary>
    /// Every page of a schools document; or, when any page answered with an error, that answer and no list: a list missing
    /// the schools of a page that failed would read as complete (a table of 240 schools that has 400).
    /// </summary>
    internal static async Task<(List<JsonNode> Nodes, DocumentAnswer? Failed)> AllPagesAsync(DashboardContext context, string document, Dictionary<string, object?> variables)
    {
        var nodes = new List<JsonNode>();
        for (var i = 0; i < 50; i++)
        {
            var answer = await context.Documents.RunAsync(context.Http, document, variables);
            var connection = answer.Data?["schools"];
            if (answer.Errors.Count > 0 || connection is null) return ([], answer);
            nodes.AddRange((connection["nodes"] as JsonArray ?? []).OfType<JsonNode>());
            if (connection["pageInfo"]?["hasNextPage"]?.GetValue<bool>() != true) break;
            variables["after"] = connection["pageInfo"]!["endCursor"]!.ToString();
        }
        return (nodes, null);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static IReadOnlyList<Cell> Row(DashboardContext context, JsonNode s)
    {
        var m = s["benchmark"]?["measures"];
        var overall = Number(m?["overallAbsenceRate"]);
        var change = overall - Number(s["lastYear"]?["overallAbsenceRate"]);
        var quartile = (s["benchmark"]?["peers"] as JsonArray ?? []).FirstOrDefault(p => p?["measure"]?.ToString() == "OVERALL_ABSENCE_RATE")?["quartile"];
        return
        [
            new Cell(s["name"]!.ToString(), s["name"]!.ToString(), context.Link($"/schools/{s["urn"]}")),
            Cell.Of(Measures.PhaseLabel(s["phase"]?.ToString())), Cell.Of(s["establishmentType"]?.ToString()),
            Cell.Number(Number(m?["enrolments"])), Cell.Rate(Number(m?["attendanceRate"])), Cell.Rate(overall),
            Cell.Rate(Number(s["benchmark"]?["localAuthorityPhase"]?["overallAbsenceRate"])), Cell.Rate(Number(s["benchmark"]?["national"]?["overallAbsenceRate"])),
            Cell.Rate(Number(m?["persistentAbsenceRate"])), Cell.Rate(Number(m?["severeAbsenceRate"])),
            new Cell(quartile?.ToString() ?? "–", quartile?.ToString() ?? "", Numeric: true),
            // Direction in words and sign, never colour alone.
            new Cell(change is null ? "–" : $"{(change > 0 ? "Worse" : change < 0 ? "Better" : "Same")} ({Points(change)})", Invariant(change)),
        ];
    }

    private static string Header(DashboardContext context, DataTable table, int column, string? sort, string direction)
    {
        var numeric = column >= 3 ? " govuk-table__header--numeric" : "";
        var sortable = Sortable.Where(s => s.Column == column).Select(s => (bool?)true).FirstOrDefault() is not null;
        if (!sortable) return $"<th scope=\"col\" class=\"govuk-table__header{numeric}\">{E(table.Columns[column])}</th>";
        var measure = Sortable.First(s => s.Column == column).Measure;
        var active = measure == sort;
        var ariaSort = active ? (measure is null || direction == "ASCENDING" ? "ascending" : "descending") : "none";
        // Clicking the active column reverses it; a new column starts with the worst first (highest absence, lowest attendance).
        var nextDirection = active ? (direction == "ASCENDING" ? "DESCENDING" : "ASCENDING") : measure == "ATTENDANCE_RATE" ? "ASCENDING" : "DESCENDING";
        var href = context.Self(("sort", measure), ("dir", measure is null ? null : nextDirection), ("csv", null));
        return $"<th scope=\"col\" class=\"govuk-table__header{numeric}\" aria-sort=\"{ariaSort}\"><a class=\"govuk-link\" href=\"{E(href)}\">{E(table.Columns[column])}</a></th>";
    }

    private static string Filters(DashboardContext context, string? phase, string? type, string? name, IReadOnlyList<string> types, string? sort, string direction)
    {
        var b = new StringBuilder("<form method=\"get\" class=\"ag-pickers\" aria-label=\"Filter schools\">");
        foreach (var (key, value) in new[] { ("period", context.Period.Key), ("cohort", context.Cohort), ("sort", sort), ("dir", sort is null ? null : direction) })
            if (!string.IsNullOrEmpty(value)) b.Append($"<input type=\"hidden\" name=\"{key}\" value=\"{E(value)}\">");
        b.Append("<div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"phase\">Phase</label><select class=\"govuk-select\" id=\"phase\" name=\"phase\"><option value=\"\">All phases</option>");
        foreach (var p in Phases) b.Append($"<option value=\"{p}\"{(p == phase ? " selected" : "")}>{E(Measures.PhaseLabel(p))}</option>");
        b.Append("</select></div><div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"type\">Type</label><select class=\"govuk-select\" id=\"type\" name=\"type\"><option value=\"\">All types</option>");
        foreach (var t in types) b.Append($"<option value=\"{E(t)}\"{(t == type ? " selected" : "")}>{E(t)}</option>");
        b.Append($"</select></div><div class=\"govuk-form-group\"><label class=\"govuk-label\" for=\"name\">Name contains</label><input class=\"govuk-input govuk-input--width-20\" id=\"name\" name=\"name\" type=\"text\" value=\"{E(name)}\"></div>");
        b.Append("<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">Filter</button></form>");
        return b.ToString();
    }
}

using System.Text;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>
/// A rendered page and its tables: the page's URL answers with the HTML, or with one table as CSV when asked
/// <c>csv=&lt;table id&gt;</c> — the download is built from the very rows the page shows. A page sends its HTML in parts
/// as its sections are ready (<see cref="FlushAsync"/>, <see cref="PageStream"/>) where the request allows it.
/// </summary>
internal sealed class PageResult
{
    private readonly List<DataTable> tables = [];

    public DataTable Add(DataTable table)
    {
        tables.Add(table);
        return table;
    }

    /// <summary>
    /// Sends the page so far (<paramref name="body"/>, after the layout's head and navigation if they have not gone) and
    /// empties it, when the page streams; otherwise leaves it for <see cref="Respond"/>. Call it only once the page is sure
    /// to answer 200 with <paramref name="title"/>.
    /// </summary>
    public async Task FlushAsync(DashboardContext context, string title, StringBuilder body, string current)
    {
        if (await PageStream.StartAsync(context.Http, title) is not { } stream) return;
        await stream.WriteAsync(context, current, body.ToString());
        body.Clear();
    }

    public IResult Respond(DashboardContext context, string title, string body, string current)
    {
        if (PageStream.Of(context.Http) is { } stream) return stream.End(context, current, body);
        var csv = context.Http.Request.Query["csv"].ToString();
        if (csv.Length > 0)
        {
            var table = tables.FirstOrDefault(t => t.Id == csv);
            if (table is null) return Results.NotFound();
            var file = $"{table.Id}-{context.Period.Label.Replace('/', '-').Replace(' ', '-')}.csv".ToLowerInvariant();
            return Results.File(Encoding.UTF8.GetBytes(table.ToCsv()), "text/csv; charset=utf-8", file);
        }
        return Html(Layout.Page(title, body, context, current));
    }

    public static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    /// <summary>The CSV download link of a table on this page.</summary>
    public static string CsvHref(DashboardContext context, DataTable table) => context.Self(("csv", table.Id));

    /// <summary>A table with its CSV download link (for tables that have no chart).</summary>
    public static string TableWithDownload(DashboardContext context, DataTable table) =>
        $"<div class=\"ag-table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{Dashboard.Html.E(table.Caption)}\">{table.ToHtml()}</div><p class=\"govuk-body-s\"><a class=\"govuk-link\" href=\"{Dashboard.Html.E(CsvHref(context, table))}\" download>Download this table (CSV)<span class=\"govuk-visually-hidden\">: {Dashboard.Html.E(table.Caption)}</span></a></p>";
}

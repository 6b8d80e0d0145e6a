using System.Text;
using static AttendanceGraph.Api.Dashboard.Html;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>One cell: what the page shows, the CSV's machine value, and an optional link.</summary>
internal sealed record Cell(string Text, string Csv, string? Href = null, bool Numeric = false)
{
    /// <summary>Markup built by the page (its text already escaped), e.g. a GOV.UK tag; the CSV keeps <see cref="Csv"/>.</summary>
    public string? Html { get; init; }

    public static Cell Of(string? text) => new(text ?? "", text ?? "");
    public static Cell Rate(double? value) => new(Percent(value), Invariant(value), Numeric: true);
    public static Cell Gap(double? value) => new(Points(value), Invariant(value), Numeric: true);
    public static Cell Number(double? value) => new(value?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "–", Invariant(value), Numeric: true);
}

/// <summary>
/// A table of figures a page shows: rendered as an HTML table and, from the same rows, as the CSV download
/// (the page's URL with <c>csv=</c> its id), so what is downloaded is exactly what is on screen.
/// </summary>
internal sealed record DataTable(string Id, string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<Cell>> Rows)
{
    public string ToHtml(string? captionClass = "govuk-table__caption--s", Func<int, string>? header = null)
    {
        var b = new StringBuilder();
        b.Append($"<table class=\"govuk-table\" id=\"{E(Id)}-table\"><caption class=\"govuk-table__caption {captionClass}\">{E(Caption)}</caption>");
        b.Append("<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">");
        for (var i = 0; i < Columns.Count; i++)
        {
            var numeric = Rows.Count > 0 && Rows[0][i].Numeric ? " govuk-table__header--numeric" : "";
            b.Append(header is null
                ? $"<th scope=\"col\" class=\"govuk-table__header{numeric}\">{E(Columns[i])}</th>"
                : header(i));
        }
        b.Append("</tr></thead><tbody class=\"govuk-table__body\">");
        foreach (var row in Rows)
        {
            b.Append("<tr class=\"govuk-table__row\">");
            for (var i = 0; i < row.Count; i++)
            {
                var cell = row[i];
                var content = cell.Html ?? (cell.Href is null ? E(cell.Text) : $"<a class=\"govuk-link\" href=\"{E(cell.Href)}\">{E(cell.Text)}</a>");
                // The first column names the row, so screen readers announce it with each figure.
                b.Append(i == 0
                    ? $"<th scope=\"row\" class=\"govuk-table__header\">{content}</th>"
                    : $"<td class=\"govuk-table__cell{(cell.Numeric ? " govuk-table__cell--numeric" : "")}\">{content}</td>");
            }
            b.Append("</tr>");
        }
        if (Rows.Count == 0)
            b.Append($"<tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\" colspan=\"{Columns.Count}\">No rows for this selection.</td></tr>");
        b.Append("</tbody></table>");
        return b.ToString();
    }

    /// <summary>RFC 4180: every field quoted, quotes doubled, CRLF line ends; cells that a spreadsheet would run as a formula are prefixed.</summary>
    public string ToCsv()
    {
        var b = new StringBuilder();
        b.Append(string.Join(",", Columns.Select(Quote))).Append("\r\n");
        foreach (var row in Rows) b.Append(string.Join(",", row.Select(c => Quote(c.Csv)))).Append("\r\n");
        return b.ToString();
    }

    private static string Quote(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0]) && !double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}

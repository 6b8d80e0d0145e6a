using System.Globalization;
using System.Text.Json;
using static AttendanceGraph.Api.Dashboard.Html;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>
/// A chart drawn by Chart.js from a <see cref="DataTable"/>: the first column labels the x axis and the named columns
/// are the series. The table itself sits under "Show the data as a table" with a CSV download, as GOV.UK statistics
/// pages do, so no figure is only in the picture (and the page still reads with scripts off).
/// </summary>
internal sealed record Chart(DataTable Table, string Kind, IReadOnlyList<int> SeriesColumns, string YAxis, IReadOnlySet<int>? Dashed = null)
{
    public string ToHtml(string csvHref)
    {
        var spec = new
        {
            type = Kind,
            yAxis = YAxis,
            labels = Table.Rows.Select(r => r[0].Text).ToArray(),
            series = SeriesColumns.Select(c => new
            {
                label = Table.Columns[c],
                dashed = Dashed?.Contains(c) == true,
                values = Table.Rows.Select(r => double.TryParse(r[c].Csv, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : (double?)null).ToArray(),
            }).ToArray(),
        };
        var json = JsonSerializer.Serialize(spec);
        // Nothing to draw (no rows, or every figure withheld): say so rather than show an empty frame.
        var empty = spec.series.All(series => series.values.All(v => v is null));
        var description = $"{Table.Caption}: a {(Kind == "bar" ? "bar" : "line")} chart of {string.Join(", ", SeriesColumns.Select(c => Table.Columns[c]))}. The figures are in the table that follows.";
        return $"""
            <figure class="ag-figure" id="{E(Table.Id)}">
              <h3 class="govuk-heading-s">{E(Table.Caption)}</h3>
              {(empty ? "<p class=\"govuk-body\">There are no figures to chart for this selection (none recorded, or all withheld under disclosure control).</p>"
                  : $"<div class=\"ag-chart\"><canvas role=\"img\" aria-label=\"{E(description)}\" data-chart=\"{E(json)}\"><p class=\"govuk-body\">{E(description)}</p></canvas></div>")}
              <details class="govuk-details">
                <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Show the data as a table</span></summary>
                <div class="govuk-details__text">{Table.ToHtml()}</div>
              </details>
              <p class="govuk-body-s"><a class="govuk-link" href="{E(csvHref)}" download>Download the data (CSV)<span class="govuk-visually-hidden">: {E(Table.Caption)}</span></a></p>
            </figure>
            """;
    }
}

using System.Text;

namespace AttendanceGraph.Benchmarks.Reporting;

/// <summary>A GitHub-flavoured markdown table; numbers are formatted by the caller.</summary>
public sealed class MarkdownTable(params string[] columns)
{
    private readonly List<string[]> rows = [];

    public MarkdownTable Add(params object?[] cells)
    {
        rows.Add(cells.Select(c => c switch
        {
            null => "—",
            double d when double.IsNaN(d) => "—",
            double d => Format(d),
            int i => i.ToString("N0"),
            long l => l.ToString("N0"),
            _ => c.ToString()!.Replace("|", "\\|"),
        }).ToArray());
        return this;
    }

    public static string Format(double d) => Math.Abs(d) switch
    {
        >= 1000 => d.ToString("N0"),
        >= 10 => d.ToString("N1"),
        >= 1 => d.ToString("N2"),
        _ => d.ToString("0.###"),
    };

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("| ").AppendJoin(" | ", columns).Append(" |\n");
        sb.Append('|').AppendJoin("|", columns.Select(_ => "---")).Append("|\n");
        foreach (var r in rows) sb.Append("| ").AppendJoin(" | ", r).Append(" |\n");
        return sb.ToString();
    }
}

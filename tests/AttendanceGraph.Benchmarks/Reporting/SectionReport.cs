namespace AttendanceGraph.Benchmarks.Reporting;

/// <summary>One section's output: its tables (printed) and every figure (JSON), or why it failed or was skipped.</summary>
public sealed class SectionReport(string name)
{
    public string Name { get; } = name;
    public string Status { get; set; } = "ok";

    /// <summary>A hard target was missed (the abuse section's 2 s refusal) or a correctness check failed (the soak's
    /// errors or canary): the run exits 1, as when a section crashes.</summary>
    public bool FailsRun { get; set; }
    public string? Message { get; set; }
    public string? DataDescription { get; set; }
    public double Seconds { get; set; }

    /// <summary>When the section began (UTC): the figures of a noisy machine are read against the time they were taken.</summary>
    public DateTime StartedUtc { get; set; }
    /// <summary>The machine's 1-minute load average when the section started and ended (other engineers' work included).</summary>
    public (double? Start, double? End) LoadAverage { get; set; }
    public List<(string Title, MarkdownTable Table)> Tables { get; } = [];
    public Dictionary<string, object?> Figures { get; } = [];
    public List<string> Notes { get; } = [];

    public MarkdownTable Table(string title, params string[] columns)
    {
        var t = new MarkdownTable(columns);
        Tables.Add((title, t));
        return t;
    }

    public object ToJson() => new { status = Status, message = Message, data = DataDescription, startedUtc = StartedUtc, seconds = Seconds, loadAverage = new { start = LoadAverage.Start, end = LoadAverage.End }, notes = Notes, figures = Figures };
}

namespace AttendanceGraph.Schema.Operational;

/// <summary>One ETL invocation (validate or load), successful or not, for the run log.</summary>
public sealed class EtlRun
{
    public int Id { get; set; }
    public string Verb { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string Status { get; set; } = "running";
    public string Files { get; set; } = "";
    public int? BatchId { get; set; }
    public long RowsRead { get; set; }
    public long RowsRejected { get; set; }
    public string? Message { get; set; }
}

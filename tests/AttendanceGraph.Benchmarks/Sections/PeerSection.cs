using AttendanceGraph.Benchmarks.Reporting;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>PostgreSQL 15 as a peer: only with --peer postgres.</summary>
public sealed class PeerSection : ISection
{
    public string Name => "peer";

    public void Run(BenchmarkContext context, SectionReport report)
    {
        if (context.Options.Peer != "postgres")
        {
            report.Status = "skipped";
            report.Message = "no peer requested (pass --peer postgres)";
            return;
        }
        throw new NotImplementedException("the PostgreSQL peer is not built yet");
    }
}

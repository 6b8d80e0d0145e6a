using AttendanceGraph.Benchmarks.Reporting;

namespace AttendanceGraph.Benchmarks.Sections;

/// <summary>One benchmark section; it fills its report and may throw (the runner records the failure and goes on).</summary>
public interface ISection
{
    string Name { get; }
    void Run(BenchmarkContext context, SectionReport report);
}

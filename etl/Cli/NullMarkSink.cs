using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Cli;

/// <summary>Discards marks: validate runs every check but loads nothing.</summary>
public sealed class NullMarkSink : IMarkSink
{
    public static NullMarkSink Instance { get; } = new();

    public void Add(int urn, int pupilId, DateOnly date, byte session, byte codeId) { }
}

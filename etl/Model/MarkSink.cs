namespace AttendanceGraph.Etl.Model;

/// <summary>
/// Receives validated session marks straight from the parser, without allocating a record per mark
/// (a year of an LA is tens of millions of marks). One sink per parsing thread; not thread-safe.
/// </summary>
public interface IMarkSink
{
    /// <param name="session">0 = AM, 1 = PM.</param>
    /// <param name="codeId">Id from the code catalogue (legacy codes already mapped).</param>
    void Add(int urn, int pupilId, DateOnly date, byte session, byte codeId);
}

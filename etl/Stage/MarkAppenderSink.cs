using AttendanceGraph.Etl.Model;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Stage;

/// <summary>
/// Appends validated marks to the staging table through DuckDB's appender (the bulk path; batched INSERT is
/// ~75× slower). One per parsing thread, each with its own connection, because connections are not thread-safe.
/// </summary>
public sealed class MarkAppenderSink : IMarkSink, IDisposable
{
    private readonly DuckDBConnection connection;
    private readonly DuckDBAppender appender;
    private readonly int batchId;

    public MarkAppenderSink(DuckDBConnection connection, int batchId, string table)
    {
        this.connection = connection;
        this.batchId = batchId;
        appender = connection.CreateAppender(table);
    }

    public long Count { get; private set; }

    public void Add(int urn, int pupilId, DateOnly date, byte session, byte codeId, byte category)
    {
        appender.CreateRow()
            .AppendValue(urn)
            .AppendValue(pupilId)
            .AppendValue(date)
            .AppendValue(session)
            .AppendValue(codeId)
            .AppendValue(category)
            .AppendValue(batchId)
            .EndRow();
        Count++;
    }

    public void Dispose()
    {
        appender.Close();
        appender.Dispose();
        connection.Dispose();
    }
}

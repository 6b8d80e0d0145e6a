using AttendanceGraph.Etl.Model;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace AttendanceGraph.Etl.Stage;

/// <summary>
/// Appends validated marks to the marks (or staging) table through a <see cref="ColumnarAppender"/>: the bulk
/// path (batched INSERT is ~75× slower). One per parsing thread, each with its own connection, because
/// connections are not thread-safe.
/// </summary>
public sealed class MarkAppenderSink : IMarkSink, IDisposable
{
    private const int Urn = 0, PupilId = 1, Date = 2, Session = 3, CodeId = 4, BatchId = 5;

    private readonly DuckDBConnection connection;
    private readonly ColumnarAppender appender;
    private readonly int batchId;

    public MarkAppenderSink(DuckDBConnection connection, int batchId, string table)
    {
        this.connection = connection;
        this.batchId = batchId;
        try
        {
            appender = new ColumnarAppender(connection, table,
                DuckDBType.Integer, DuckDBType.Integer, DuckDBType.Date, DuckDBType.UnsignedTinyInt,
                DuckDBType.UnsignedTinyInt, DuckDBType.Integer);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public long Count { get; private set; }

    public void Add(int urn, int pupilId, DateOnly date, byte session, byte codeId) => Add(urn, pupilId, date.DayNumber, session, codeId);

    /// <param name="dayNumber">The date as <see cref="DateOnly.DayNumber"/>.</param>
    public void Add(int urn, int pupilId, int dayNumber, byte session, byte codeId)
    {
        var row = appender.Row;
        appender.Column<int>(Urn)[row] = urn;
        appender.Column<int>(PupilId)[row] = pupilId;
        appender.Column<int>(Date)[row] = ColumnarAppender.Date(dayNumber);
        appender.Column<byte>(Session)[row] = session;
        appender.Column<byte>(CodeId)[row] = codeId;
        appender.Column<int>(BatchId)[row] = batchId;
        appender.EndRow();
        Count++;
    }

    /// <summary>Appends the marks still buffered; call once the stream has succeeded.</summary>
    public void Close() => appender.Close();

    /// <summary>Frees the appender and its connection; after a failure whatever they committed dies with the working snapshot.</summary>
    public void Dispose()
    {
        appender.Dispose();
        connection.Dispose();
    }
}

using System.Text;
using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// Appends rows to an aggregate table's stored columns (<see cref="AggregateTable.CreateTableSql"/>): one fragment's
/// keys and its counts, already packed by <see cref="FragmentCounts"/>.
/// </summary>
internal sealed class AggregateRowWriter : IDisposable
{
    private readonly ColumnarAppender appender;
    private readonly int urnColumn; // 1 in the cohort table, whose first column is the cohort
    private string? encodedCohort;
    private byte[] encodedCohortUtf8 = [];

    public AggregateRowWriter(DuckDBConnection connection, AggregateTable table)
    {
        urnColumn = table.HasCohort ? 1 : 0;
        var columns = new List<DuckDBType>();
        if (table.HasCohort) columns.Add(DuckDBType.Varchar);
        columns.AddRange([DuckDBType.Integer, DuckDBType.Integer, DuckDBType.Date, DuckDBType.Boolean]);
        columns.AddRange(PackedCounts.Words.Select(_ => DuckDBType.UnsignedBigInt));
        appender = new ColumnarAppender(connection, table.Table, columns.ToArray());
    }

    public void Write(string? cohort, int urn, int pupilId, DateOnly dateOfBirth, int weekStart, int monthStart, FragmentCounts counts)
    {
        var fragStart = Math.Max(weekStart, monthStart);
        // Each session has one code, so no field (category sums included) exceeds the fragment's sessions.
        if (counts.Sessions > PackedCounts.MaxCount)
            throw new InvalidOperationException($"pupil {pupilId} at {urn} has {counts.Sessions} sessions in the fragment from {DateOnly.FromDayNumber(fragStart):yyyy-MM-dd}; at most {PackedCounts.MaxCount} fit");
        var row = appender.Row;
        if (urnColumn == 1) appender.RepeatedUtf8String(0, CohortUtf8(cohort ?? throw new ArgumentNullException(nameof(cohort), "a cohort row needs its cohort")));
        appender.Column<int>(urnColumn)[row] = urn;
        appender.Column<int>(urnColumn + 1)[row] = pupilId;
        appender.Column<int>(urnColumn + 2)[row] = ColumnarAppender.Date(fragStart);
        appender.Column<byte>(urnColumn + 3)[row] = IsCompulsory(fragStart, dateOfBirth) ? (byte)1 : (byte)0;
        for (var w = 0; w < counts.Words.Length; w++) appender.Column<ulong>(urnColumn + 4 + w)[row] = counts.Words[w];
        appender.EndRow();
    }

    // Rows come by enrolment, so a run of rows shares a pupil and an academic year: the age test is done once per run
    // (per row it was a date conversion and two calendar calculations on each of ~7 million rows).
    private (int FirstDay, int LastDay, DateOnly DateOfBirth, bool Compulsory) lastAge = (1, 0, default, false);

    private bool IsCompulsory(int fragStart, DateOnly dateOfBirth)
    {
        if (fragStart < lastAge.FirstDay || fragStart > lastAge.LastDay || dateOfBirth != lastAge.DateOfBirth)
        {
            var year = AcademicYear.Containing(DateOnly.FromDayNumber(fragStart));
            lastAge = (year.Start.DayNumber, year.End.DayNumber, dateOfBirth, year.IsCompulsorySchoolAge(dateOfBirth));
        }
        return lastAge.Compulsory;
    }

    // Rows come grouped by cohort: encode each cohort key once, not once per row.
    private byte[] CohortUtf8(string key)
    {
        if (!ReferenceEquals(key, encodedCohort))
        {
            encodedCohort = key;
            encodedCohortUtf8 = Encoding.UTF8.GetBytes(key);
        }
        return encodedCohortUtf8;
    }

    /// <summary>Appends the last rows; without it they are lost.</summary>
    public void Close() => appender.Close();

    public void Dispose() => appender.Dispose();
}

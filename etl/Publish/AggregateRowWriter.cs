using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// Appends rows to an aggregate table (<see cref="AggregateTable.StoredColumns"/>) from one fragment's per-code
/// counts: each category's count (the sum of its codes) and each code's count packed into the count words as
/// <see cref="PackedCounts"/> lays them out.
/// </summary>
internal sealed class AggregateRowWriter : IDisposable
{
    private static readonly AttendanceCode[] Codes = CodeCatalogue.Instance.Codes.ToArray();

    private readonly ColumnarAppender appender;
    private readonly int urnColumn; // 1 in the cohort table, whose first column is the cohort
    private readonly (int Word, int Shift)[] codeField;
    private readonly (int Word, int Shift)[] categoryField;
    private readonly ulong[] words = new ulong[PackedCounts.Words.Count];

    public AggregateRowWriter(DuckDBConnection connection, AggregateTable table)
    {
        urnColumn = table.HasCohort ? 1 : 0;
        var columns = new List<DuckDBType>();
        if (table.HasCohort) columns.Add(DuckDBType.Varchar);
        columns.AddRange([DuckDBType.Integer, DuckDBType.Integer, DuckDBType.Date, DuckDBType.Boolean]);
        columns.AddRange(PackedCounts.Words.Select(_ => DuckDBType.UnsignedBigInt));
        appender = new ColumnarAppender(connection, table.Table, columns.ToArray());
        var countColumns = WarehouseSchema.CountColumns.ToList();
        (int, int) Field(string name) => countColumns.IndexOf(name) is var i and >= 0
            ? PackedCounts.Field(i)
            : throw new InvalidOperationException($"{table.Table} has no count column {name}");
        codeField = new (int, int)[Codes.Max(c => c.Id) + 1];
        categoryField = new (int, int)[Codes.Max(c => c.Id) + 1];
        foreach (var code in Codes)
        {
            codeField[code.Id] = Field(code.Column);
            categoryField[code.Id] = Field(Schema.Measures.CategoryColumns.For(code.Category));
        }
    }

    /// <param name="counts">Sessions per code id in the fragment.</param>
    public void Write(string? cohort, int urn, int pupilId, DateOnly dateOfBirth, int weekStart, int monthStart, byte[] counts)
    {
        var row = appender.Row;
        if (urnColumn == 1) appender.String(0, cohort ?? throw new ArgumentNullException(nameof(cohort), "a cohort row needs its cohort"));
        var fragStart = Math.Max(weekStart, monthStart);
        appender.Column<int>(urnColumn)[row] = urn;
        appender.Column<int>(urnColumn + 1)[row] = pupilId;
        appender.Column<int>(urnColumn + 2)[row] = ColumnarAppender.Date(fragStart);
        var year = AcademicYear.Containing(DateOnly.FromDayNumber(fragStart));
        appender.Column<byte>(urnColumn + 3)[row] = year.IsCompulsorySchoolAge(dateOfBirth) ? (byte)1 : (byte)0;
        Array.Clear(words);
        var sessions = 0;
        foreach (var code in Codes)
        {
            var n = counts[code.Id];
            if (n == 0) continue;
            sessions += n;
            var (word, shift) = codeField[code.Id];
            words[word] |= (ulong)n << shift;
            (word, shift) = categoryField[code.Id];
            words[word] += (ulong)n << shift;
        }
        // Each session has one code, so no count (category sums included) exceeds the fragment's sessions.
        if (sessions > PackedCounts.MaxCount)
            throw new InvalidOperationException($"pupil {pupilId} at {urn} has {sessions} sessions in the fragment from {DateOnly.FromDayNumber(fragStart):yyyy-MM-dd}; at most {PackedCounts.MaxCount} fit");
        for (var w = 0; w < words.Length; w++) appender.Column<ulong>(urnColumn + 4 + w)[row] = words[w];
        appender.EndRow();
    }

    /// <summary>Appends the last rows; without it they are lost.</summary>
    public void Close() => appender.Close();

    public void Dispose() => appender.Dispose();
}

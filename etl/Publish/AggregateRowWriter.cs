using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// Appends rows to agg_enrolment_week or agg_cohort_enrolment_week from one fragment's per-code counts:
/// the key columns, then each category's count (the sum of its codes) and each code's count, in the
/// column order <see cref="WarehouseSchema.CountColumns"/> gives.
/// </summary>
internal sealed class AggregateRowWriter : IDisposable
{
    private static readonly AttendanceCode[] Codes = CodeCatalogue.Instance.Codes.ToArray();

    private readonly ColumnarAppender appender;
    private readonly int urnColumn; // 1 in the cohort table, whose first column is the cohort
    private readonly int[] codeColumn;
    private readonly int[] categoryColumn;
    private readonly int countsFrom; // index of the first count column

    public AggregateRowWriter(DuckDBConnection connection, string table, bool cohort)
    {
        urnColumn = cohort ? 1 : 0;
        var keys = new List<DuckDBType>();
        if (cohort) keys.Add(DuckDBType.Varchar);
        keys.AddRange([DuckDBType.Integer, DuckDBType.Integer, DuckDBType.Date, DuckDBType.Date, DuckDBType.Date,
            DuckDBType.SmallInt, DuckDBType.Boolean]);
        var countsAt = keys.Count;
        var columns = keys.Concat(WarehouseSchema.CountColumns.Select(_ => DuckDBType.UnsignedTinyInt)).ToArray();
        appender = new ColumnarAppender(connection, table, columns);
        int At(string name) => WarehouseSchema.CountColumns.ToList().IndexOf(name) is var i and >= 0
            ? countsAt + i
            : throw new InvalidOperationException($"{table} has no count column {name}");
        codeColumn = new int[Codes.Max(c => c.Id) + 1];
        categoryColumn = new int[Codes.Max(c => c.Id) + 1];
        foreach (var code in Codes)
        {
            codeColumn[code.Id] = At(code.Column);
            categoryColumn[code.Id] = At(CategoryColumns.For(code.Category));
        }
        countsFrom = countsAt;
    }

    /// <param name="counts">Sessions per code id in the fragment.</param>
    public void Write(string? cohort, int urn, int pupilId, DateOnly dateOfBirth, int weekStart, int monthStart, byte[] counts)
    {
        var row = appender.Row;
        if (urnColumn == 1) appender.String(0, cohort ?? throw new ArgumentNullException(nameof(cohort), "a cohort row needs its cohort"));
        var fragStart = Math.Max(weekStart, monthStart);
        appender.Column<int>(urnColumn)[row] = urn;
        appender.Column<int>(urnColumn + 1)[row] = pupilId;
        appender.Column<int>(urnColumn + 2)[row] = ColumnarAppender.Date(weekStart);
        appender.Column<int>(urnColumn + 3)[row] = ColumnarAppender.Date(monthStart);
        appender.Column<int>(urnColumn + 4)[row] = ColumnarAppender.Date(fragStart);
        var year = AcademicYear.Containing(DateOnly.FromDayNumber(fragStart));
        appender.Column<short>(urnColumn + 5)[row] = (short)year.StartYear;
        appender.Column<byte>(urnColumn + 6)[row] = year.IsCompulsorySchoolAge(dateOfBirth) ? (byte)1 : (byte)0;
        for (var col = countsFrom; col < countsFrom + WarehouseSchema.CountColumns.Count; col++) appender.Column<byte>(col)[row] = 0;
        foreach (var code in Codes)
        {
            var n = counts[code.Id];
            if (n == 0) continue;
            appender.Column<byte>(codeColumn[code.Id])[row] = n;
            appender.Column<byte>(categoryColumn[code.Id])[row] += n;
        }
        appender.EndRow();
    }

    /// <summary>Appends the last rows; without it they are lost.</summary>
    public void Close() => appender.Close();

    public void Dispose() => appender.Dispose();
}

using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace AttendanceGraph.Tests.Stage;

/// <summary>The chunk appender writes DuckDB's column vectors directly, so it must refuse anything that does not fit them.</summary>
public sealed class ColumnarAppenderTests
{
    private static DuckDBConnection Database()
    {
        var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        c.Execute("CREATE TABLE t (cohort VARCHAR NOT NULL, urn INTEGER NOT NULL, day DATE NOT NULL, n UTINYINT NOT NULL)");
        return c;
    }

    private static readonly DuckDBType[] Columns = [DuckDBType.Varchar, DuckDBType.Integer, DuckDBType.Date, DuckDBType.UnsignedTinyInt];

    [Fact]
    public void Append_WritesRowsAcrossSeveralChunks_IncludingThePartialLastOne()
    {
        using var c = Database();
        using (var a = new ColumnarAppender(c, "t", Columns))
        {
            for (var i = 0; i < a.Capacity * 2 + 5; i++)
            {
                a.String(0, i % 2 == 0 ? "FSM" : "SEND");
                a.Column<int>(1)[a.Row] = 100000 + i;
                a.Column<int>(2)[a.Row] = 20000 + i % 7; // days since 1970-01-01
                a.Column<byte>(3)[a.Row] = (byte)(i % 15);
                a.EndRow();
            }
            a.Close();
        }
        Assert.Equal(2 * 2048 + 5, c.Scalar<long>("SELECT count(*) FROM t"));
        Assert.Equal("SEND|100003|2024-10-07|3", Assert.Single(EtlWarehouse.Rows(c, "SELECT cohort, urn, day::VARCHAR, n FROM t WHERE urn = 100003")));
    }

    [Fact]
    public void RepeatedStrings_KeepEachRowsValue_InlineAndLong_AcrossChunks()
    {
        // 12 bytes or fewer are stored in the row's slot, longer ones in the chunk's string heap: both kinds, interleaved,
        // repeated within chunks and carried over chunk boundaries (where the heap is reset and the value handed over again).
        string[] keys = ["FSM", "PREVIOUSLY_LOOKED_AFTER", "SEND", "CHILD_PROTECTION_PLAN", "LOOKED_AFTER"];
        var values = keys.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        using var c = Database();
        var rows = 0;
        using (var a = new ColumnarAppender(c, "t", Columns))
        {
            for (var i = 0; i < a.Capacity * 3 + 7; i++, rows++)
            {
                a.RepeatedUtf8String(0, values[i / 3 % values.Length]);
                a.Column<int>(1)[a.Row] = i;
                a.Column<int>(2)[a.Row] = 20000;
                a.Column<byte>(3)[a.Row] = 0;
                a.EndRow();
            }
            a.Close();
        }
        var expected = Enumerable.Range(0, rows).Select(i => $"{i}|{keys[i / 3 % keys.Length]}").ToList();
        Assert.Equal(expected, EtlWarehouse.Rows(c, "SELECT urn, cohort FROM t ORDER BY urn"));
    }

    [Fact]
    public void Append_CommitsWholeRowGroups_NotThePartOnesDuckDbLeavesOnItsOwn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"appender-{Guid.NewGuid():N}.duckdb");
        try
        {
            using var c = new DuckDBConnection($"Data Source={path}");
            c.Open();
            c.Execute("CREATE TABLE t (cohort VARCHAR NOT NULL, urn INTEGER NOT NULL, day DATE NOT NULL, n UTINYINT NOT NULL)");
            const int rows = 2 * ColumnarAppender.RowGroupSize + 1000;
            using (var a = new ColumnarAppender(c, "t", Columns))
            {
                for (var i = 0; i < rows; i++)
                {
                    a.String(0, "FSM");
                    a.Column<int>(1)[a.Row] = i;
                    a.Column<int>(2)[a.Row] = 20000;
                    a.Column<byte>(3)[a.Row] = 1;
                    a.EndRow();
                }
                a.Close();
            }
            // Before any checkpoint: left to itself the appender commits every 204,800 rows (122,880 + 81,920, …).
            var rowGroups = EtlWarehouse.Rows(c, """
                SELECT sum(count) FROM pragma_storage_info('t')
                WHERE column_id = 1 AND segment_type <> 'VALIDITY' GROUP BY row_group_id ORDER BY row_group_id
                """);
            Assert.Equal(["122880", "122880", "1000"], rowGroups);
            Assert.Equal(rows, c.Scalar<long>("SELECT count(*) FROM t"));
        }
        finally
        {
            File.Delete(path);
            File.Delete(path + ".wal");
        }
    }

    [Fact]
    public void Create_RefusesColumnTypesThatDoNotMatchTheTable()
    {
        using var c = Database();
        var e = Assert.Throws<InvalidOperationException>(() =>
            new ColumnarAppender(c, "t", DuckDBType.Varchar, DuckDBType.BigInt, DuckDBType.Date, DuckDBType.UnsignedTinyInt));
        Assert.Equal("t column 2 is Integer; the appender expected BigInt", e.Message);
        Assert.Throws<InvalidOperationException>(() => new ColumnarAppender(c, "t", DuckDBType.Varchar, DuckDBType.Integer));
    }

    [Fact]
    public void Column_RefusesAnElementTypeOfTheWrongWidth()
    {
        using var c = Database();
        using var a = new ColumnarAppender(c, "t", Columns);
        var e = Assert.Throws<InvalidOperationException>(() => a.Column<int>(3));
        Assert.Equal("t column 4 is UnsignedTinyInt, not Int32", e.Message);
    }
}

using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Schema;

/// <summary>A batch's day: the latest register taken, read from the previous day on, and from the whole table when that finds none.</summary>
public sealed class BatchCoverageTests
{
    [Fact]
    public void TheDay_IsTheLatestMarkUpToToday_EvenAfterTheLatestMarksWereRemoved()
    {
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        c.ExecuteAll(["CREATE TABLE marks (date DATE)", BatchCoverage.CreateTableSql, "CREATE TABLE batches (batch_id INTEGER, loaded_at TIMESTAMP)"]);
        DateOnly? Record(int batch)
        {
            c.Execute("INSERT INTO batches VALUES ($b, now()::TIMESTAMP)", ("b", batch));
            BatchCoverage.Record(c, batch);
            return BatchCoverage.Latest(c, 1).Single().MarksTo;
        }

        Assert.Null(Record(1)); // no marks yet
        c.Execute("INSERT INTO marks VALUES ('2025-09-10'), ('2025-09-11'), ('2025-09-12'), ('2099-01-05')");
        Assert.Equal(new DateOnly(2025, 9, 12), Record(2)); // a closure entered ahead is not a register taken
        c.Execute("DELETE FROM marks WHERE date >= '2025-09-11' AND date < '2099-01-01'");
        Assert.Equal(new DateOnly(2025, 9, 10), Record(3)); // nothing from the previous day on: the whole table answers
        c.Execute("INSERT INTO marks VALUES ('2025-09-15')");
        Assert.Equal(new DateOnly(2025, 9, 15), Record(4));
    }
}

using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Stage;

public sealed class OneDuckDbThreadTests
{
    private static DuckDBConnection Database(int threads)
    {
        var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        c.Execute($"SET threads = {threads}");
        return c;
    }

    private static long Threads(DuckDBConnection c) => c.Scalar<long>("SELECT current_setting('threads')");

    [Fact]
    public void Run_AppendsWithOneDuckDbThread_ThenRestoresWhatItWas()
    {
        using var c = Database(3);
        var during = OneDuckDbThread.Run(c, () => Threads(c));
        Assert.Equal(1, during);
        Assert.Equal(3, Threads(c));
    }

    [Fact]
    public void Run_ChangesOnlyItsOwnDatabase()
    {
        // The API serves other snapshot files, each its own DuckDB database, in the same process.
        using var loading = Database(2);
        using var serving = Database(2);
        OneDuckDbThread.Run(loading, () => Assert.Equal(2, Threads(serving)));
    }

    [Fact]
    public void Run_LetsTheAppendsOwnFailureThrough()
    {
        using var c = Database(2);
        var e = Assert.Throws<InvalidOperationException>(() => OneDuckDbThread.Run(c, () => throw new InvalidOperationException("disk full")));
        Assert.Equal("disk full", e.Message);
    }
}

using AttendanceGraph.Etl.Stage;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Stage;

public sealed class OneDuckDbThreadTests
{
    [Fact]
    public void Enter_RunsDuckDbOnOneThread_AndDisposeRestoresWhatItWas()
    {
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        c.Execute("SET threads = 3");
        using (OneDuckDbThread.Enter(c))
            Assert.Equal(1, c.Scalar<long>("SELECT current_setting('threads')"));
        Assert.Equal(3, c.Scalar<long>("SELECT current_setting('threads')"));
    }
}

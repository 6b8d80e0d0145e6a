using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// A large batch's school rollup runs under a lower DuckDB memory limit (the process's peak memory), the load's own limit
/// restored after it, and a load given less than the cap keeps its own.
/// </summary>
public sealed class DuckDbMemoryLimitTests
{
    [Theory]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("640MB", 640_000_000L)]
    [InlineData(" 2 GiB ", 2_147_483_648L)]
    [InlineData("512KiB", 524_288L)]
    [InlineData("1.5GB", 1_500_000_000L)]
    public void Bytes_ReadsDuckDbSizes(string size, long bytes) => Assert.Equal(bytes, DuckDbMemoryLimit.Bytes(size));

    [Theory]
    [InlineData("80%")]
    [InlineData("lots")]
    [InlineData("")]
    public void Bytes_IsNullForWhatIsNotASize(string size) => Assert.Null(DuckDbMemoryLimit.Bytes(size));

    [Fact]
    public void TheCap_HoldsUntilDisposed_ThenTheLoadsLimitIsBack_AndASmallerLimitIsNeverRaised()
    {
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        c.Execute("SET memory_limit = '1GB'");
        var loads = Limit(c);
        using (DuckDbMemoryLimit.AtMost(c, "640MB", "1GB"))
            Assert.Equal(Shown("640MB"), Limit(c));
        Assert.Equal(loads, Limit(c));

        c.Execute("SET memory_limit = '500MB'");
        var small = Limit(c);
        Assert.Null(DuckDbMemoryLimit.AtMost(c, "640MB", "500MB"));
        Assert.Equal(small, Limit(c));
    }

    private static string Limit(DuckDBConnection c) => c.Scalar<string>("SELECT current_setting('memory_limit')")!;

    /// <summary>How DuckDB shows <paramref name="size"/> as its limit, on a connection of its own.</summary>
    private static string Shown(string size)
    {
        using var other = new DuckDBConnection("Data Source=:memory:");
        other.Open();
        other.Execute($"SET memory_limit = '{size}'");
        return Limit(other);
    }
}

using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Schema;

/// <summary>
/// A pupil's record key is the first byte of the MD5 of the warehouse's secret and the pupil's id: the same key the first
/// definition (md5_number modulo 256) drew, so a warehouse rebuilt from its inputs keys every pupil as before.
/// </summary>
public sealed class RecordKeysTests
{
    [Fact]
    public void AKey_IsTheFirstByteOfTheMd5()
    {
        using var c = Open();
        // MD5("abc") = 900150983cd24fb0d6963f7d28e17f72 (RFC 1321's test suite): its first byte is 0x90.
        Assert.Equal((byte)0x90, c.Scalar<byte>($"SELECT {RecordKeys.KeyOfText("'abc'")}"));
    }

    [Fact]
    public void AKey_IsTheKeyTheFirstDefinitionDrew()
    {
        using var c = Open();
        Assert.Equal(0L, c.Scalar<long>($"""
            SELECT count(*) FROM (SELECT 'a1b2c3d4e5f6:' || i::VARCHAR AS t FROM range(20000) r(i))
            WHERE {RecordKeys.KeyOfText("t")} <> ((md5_number(t) % 256 + 256) % 256)::UTINYINT
            """));
    }

    private static DuckDBConnection Open()
    {
        var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        return c;
    }
}

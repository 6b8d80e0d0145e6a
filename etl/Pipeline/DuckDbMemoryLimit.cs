using System.Globalization;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Pipeline;

/// <summary>
/// A lower DuckDB memory limit for one step of a load, the load's own limit restored after it. Never raises the limit: a
/// load given less than the step's cap keeps what it was given.
/// </summary>
public sealed class DuckDbMemoryLimit : IDisposable
{
    private readonly DuckDBConnection connection;
    private readonly string restore;

    private DuckDbMemoryLimit(DuckDBConnection connection, string restore)
    {
        this.connection = connection;
        this.restore = restore;
    }

    /// <summary>The limit lowered to <paramref name="cap"/> until disposed, or null when <paramref name="current"/> is no more.</summary>
    public static DuckDbMemoryLimit? AtMost(DuckDBConnection connection, string cap, string current)
    {
        if (Bytes(current) is { } now && Bytes(cap) is { } most && now <= most) return null;
        connection.Execute($"SET memory_limit = '{cap}'");
        return new DuckDbMemoryLimit(connection, current);
    }

    public void Dispose() => connection.Execute($"SET memory_limit = '{restore}'");

    /// <summary>
    /// A DuckDB size setting in bytes ("1GB", "640MB", "2GiB", "512 KB"; DuckDB reads KB, MB, GB and TB as powers of 1000 and
    /// KiB… as powers of 1024), or null for anything else (a percentage, say), which is then simply set as the cap.
    /// </summary>
    public static long? Bytes(string size)
    {
        var s = size.Trim();
        var digits = 0;
        while (digits < s.Length && (char.IsAsciiDigit(s[digits]) || s[digits] == '.')) digits++;
        if (!double.TryParse(s[..digits], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return null;
        long? unit = s[digits..].Trim().ToUpperInvariant() switch
        {
            "" or "B" or "BYTES" => 1,
            "KB" => 1_000, "MB" => 1_000_000, "GB" => 1_000_000_000, "TB" => 1_000_000_000_000,
            "KIB" => 1L << 10, "MIB" => 1L << 20, "GIB" => 1L << 30, "TIB" => 1L << 40,
            _ => null,
        };
        return unit is { } u ? (long)(value * u) : null;
    }
}

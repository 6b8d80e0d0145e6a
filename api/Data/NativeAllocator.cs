using System.Runtime.InteropServices;

namespace AttendanceGraph.Api.Data;

/// <summary>
/// DuckDB allocates its buffers and query memory with the jemalloc built into libduckdb (it exports <c>duckdb_je_*</c>),
/// which keeps freed dirty pages for 10 s before handing them back to the OS. The API frees a snapshot's whole buffer
/// pool when a load replaces it, so its RSS stayed up for those seconds after every load. Returning freed pages after
/// 1 s and purging them at once (<c>dirty_decay_ms:1000,muzzy_decay_ms:0</c>, jemalloc's own options) is the default;
/// <c>Warehouse:NativeAllocator</c> sets other options ("" keeps jemalloc's defaults), and an operator's own
/// <c>DUCKDB_JE_MALLOC_CONF</c> in the environment wins over both. jemalloc reads it once, at DuckDB's first allocation,
/// so it is set before anything opens a warehouse, in the process's own environment (.NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach native code on Linux).
/// </summary>
public static class NativeAllocator
{
    public const string Variable = "DUCKDB_JE_MALLOC_CONF";
    public const string Default = "dirty_decay_ms:1000,muzzy_decay_ms:0";

    /// <summary>The options DuckDB's jemalloc will read (null: its defaults, or not Linux).</summary>
    public static string? Configure(IConfiguration configuration)
    {
        if (!OperatingSystem.IsLinux()) return null;
        if (Current() is { Length: > 0 } operators) return operators;
        var options = configuration["Warehouse:NativeAllocator"] ?? Default;
        if (options.Length == 0) return null;
        return setenv(Variable, options, 0) == 0 ? Current() : null;
    }

    /// <summary>The variable as native code sees it.</summary>
    public static string? Current() => OperatingSystem.IsLinux() ? Marshal.PtrToStringUTF8(getenv(Variable)) : null;

    // DllImport rather than LibraryImport, as NativeHeap: the project stays free of unsafe code.
    [DllImport("libc", EntryPoint = "setenv", CharSet = CharSet.Ansi)]
    private static extern int setenv(string name, string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv", CharSet = CharSet.Ansi)]
    private static extern IntPtr getenv(string name);
}

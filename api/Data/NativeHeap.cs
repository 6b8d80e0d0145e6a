using System.Runtime.InteropServices;

namespace AttendanceGraph.Api.Data;

/// <summary>
/// Hands glibc's freed native memory back to the OS. DuckDB's buffers and query memory come from its own jemalloc
/// (<see cref="NativeAllocator"/>), but the rest of its C++ allocations and the runtime's native ones come from glibc,
/// which keeps what a closed snapshot's instance freed in its arenas, so each load's old snapshot left the API's RSS
/// higher (the soak's RSS peaks were at the loads).
/// </summary>
public static class NativeHeap
{
    public static void Trim()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = malloc_trim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other libcs have no malloc_trim: nothing to hand back this way.
        }
    }

    // DllImport rather than LibraryImport: an int and a nuint need no marshalling, and the project stays free of unsafe code.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int malloc_trim(nuint pad);
}

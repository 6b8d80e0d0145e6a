using System.Runtime.InteropServices;

namespace AttendanceGraph.Benchmarks.Reporting;

/// <summary>What the figures were measured on, read from the machine (never assumed).</summary>
public sealed record MachineInfo(int Cores, long MemoryBytes, string Cpu, string Os, string Runtime, string Command)
{
    public static MachineInfo Detect(IReadOnlyList<string> args) => new(
        Environment.ProcessorCount,
        MemTotal() ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        CpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        "dotnet run -c Release --project tests/AttendanceGraph.Benchmarks --" + (args.Count > 0 ? " " + string.Join(' ', args.Select(Quote)) : ""));

    public string Describe() => $"{Cores} cores ({Cpu}), {MemoryBytes / 1073741824.0:N1} GiB RAM, {Os}, {Runtime}";

    private static string Quote(string a) => a.Any(char.IsWhiteSpace) ? $"'{a}'" : a;

    private static long? MemTotal()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:"));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { return null; }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
    }
}

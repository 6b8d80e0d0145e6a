using System.Text.Json;

namespace AttendanceGraph.Benchmarks.Reporting;

/// <summary>Every figure of the run as one JSON document.</summary>
public static class ResultsFile
{
    /// <param name="startedUtc">When the run began (the file is rewritten after each section; <c>writtenUtc</c> says when).</param>
    public static void Write(string path, MachineInfo machine, DateTime startedUtc, object options, IEnumerable<SectionReport> sections)
    {
        var doc = new
        {
            startedUtc,
            writtenUtc = DateTime.UtcNow,
            machine = new { cores = machine.Cores, memoryBytes = machine.MemoryBytes, cpu = machine.Cpu, os = machine.Os, runtime = machine.Runtime },
            command = machine.Command,
            options,
            sections = sections.ToDictionary(s => s.Name, s => s.ToJson()),
        };
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, JsonSerializer.Serialize(doc, new JsonSerializerOptions
        {
            WriteIndented = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
    }
}

namespace AttendanceGraph.Benchmarks.Reporting;

/// <summary>Prints a section's tables, each headed by the machine, the data and the exact command.</summary>
public static class ReportPrinter
{
    public static void Print(SectionReport section, MachineInfo machine, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"## {section.Name} — {section.Status}{(section.Message is null ? "" : ": " + section.Message)}");
        foreach (var (title, table) in section.Tables)
        {
            output.WriteLine();
            output.WriteLine($"### {title}");
            output.WriteLine($"_Machine: {machine.Describe()}. Data: {section.DataDescription ?? "—"}. Command: `{machine.Command}`_");
            output.WriteLine();
            output.Write(table.ToString());
        }
        static string Load(double? l) => l is { } v ? v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "unknown";
        foreach (var note in section.Notes) output.WriteLine($"- {note}");
        output.WriteLine($"_(section took {section.Seconds:N1} s; load average {Load(section.LoadAverage.Start)} at its start, {Load(section.LoadAverage.End)} at its end)_");
    }
}

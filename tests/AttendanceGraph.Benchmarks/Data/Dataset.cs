namespace AttendanceGraph.Benchmarks.Data;

/// <summary>A generated authority on disk: its ETL input folder and what the generator said it wrote.</summary>
public sealed record Dataset(string Key, string Folder, int Pupils, int Schools, int Years, long Marks, long MarksCsvBytes, double GenerateSeconds)
{
    public string InputDir => Path.Combine(Folder, "input");
    public string MarksCsv => Path.Combine(InputDir, "marks.csv");
    public string WarehouseDir => Path.Combine(Folder, "warehouse");
    public string Describe() => $"{Pupils:N0} pupils, {Schools:N0} schools, {Years} year(s), {Marks:N0} marks, marks.csv {MarksCsvBytes / 1048576.0:N1} MiB";
    public object ToJson() => new { key = Key, pupils = Pupils, schools = Schools, years = Years, marks = Marks, marksCsvBytes = MarksCsvBytes };
}

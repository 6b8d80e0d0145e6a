using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Read;

/// <summary>One input file, its recognised kind and its number of data rows (header excluded).</summary>
public sealed record InputFile(string Path, InputKind Kind, long Rows);

namespace AttendanceGraph.Schema.Identifiers;

/// <summary>LAESTAB: the 3-digit LA number followed by the 4-digit establishment number.</summary>
public static class Laestab
{
    public static int From(int laCode, int establishmentNumber) => laCode * 10_000 + establishmentNumber;

    public static string Format(int laestab) => laestab.ToString("0000000");
}

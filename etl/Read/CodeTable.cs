using System.Runtime.CompilerServices;
using System.Text;
using AttendanceGraph.Schema.Codes;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// Register code lookup for the byte parser: a 64K table indexed by the code's one or two bytes gives the
/// catalogue id (0 = unknown), legacy codes already mapped when allowed (via CodeCatalogue.TryResolve).
/// </summary>
internal sealed class CodeTable
{
    private readonly byte[] ids = new byte[65536];
    private readonly HashSet<string> legacyOnly = new(StringComparer.Ordinal);

    public CodeTable(bool allowLegacy)
    {
        var cat = CodeCatalogue.Instance;
        foreach (var s in cat.Codes.Select(c => c.Code).Concat(cat.LegacyCodes.Select(l => l.Code)).Distinct())
        {
            if (s.Length is < 1 or > 2) continue;
            if (cat.TryResolve(s, allowLegacy, out var code))
                ids[Key(Encoding.ASCII.GetBytes(s))] = code.Id;
            else legacyOnly.Add(s);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Key(ReadOnlySpan<byte> code) => code.Length == 1 ? code[0] : code[0] | (code[1] << 8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte Id(ReadOnlySpan<byte> code) => code.Length is 1 or 2 ? ids[Key(code)] : (byte)0;

    public bool IsLegacyOnly(string code) => legacyOnly.Contains(code);
}

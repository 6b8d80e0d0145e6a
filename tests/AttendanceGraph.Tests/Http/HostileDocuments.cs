using System.Text;

namespace AttendanceGraph.Tests.Http;

/// <summary>The hostile document shapes of issue 11, built at a size each limit must catch.</summary>
public static class HostileDocuments
{
    /// <summary>
    /// F0 selects <paramref name="field"/>; each Fk spreads F(k-1) twice, so the operation expands to 2^levels
    /// selections from a text of about 60 bytes a level (the 1.7 KB bomb ran 200 s in validation).
    /// </summary>
    public static string FragmentBomb(int levels, string type = "Query", string field = "hello")
    {
        var text = new StringBuilder($"query {{ ...F{levels} }}\nfragment F0 on {type} {{ {field} }}\n");
        for (var level = 1; level <= levels; level++)
        {
            text.Append($"fragment F{level} on {type} {{ ...F{level - 1} ...F{level - 1} }}\n");
        }
        return text.ToString();
    }

    /// <summary>The same field written <paramref name="count"/> times: OverlappingFieldsCanBeMerged compares every pair.</summary>
    public static string RepeatedField(int count, string field = "hello") =>
        "{ " + string.Join(' ', Enumerable.Repeat(field, count)) + " }";

    /// <summary><paramref name="count"/> aliased copies of <paramref name="selection"/> (e.g. "__schema { types { name } }").</summary>
    public static string Aliased(int count, string selection) =>
        "{ " + string.Join(' ', Enumerable.Range(0, count).Select(i => $"a{i}: {selection}")) + " }";
}

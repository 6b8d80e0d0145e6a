using System.Text;
using System.Text.Json;

namespace AttendanceGraph.Benchmarks.Abuse;

/// <summary>
/// One hostile request of issue 11 (finding 5), as a JSON body. Each shape comes twice where it matters: at the size
/// the issue reported, and just inside the document limits, so the validator and the complexity analysis (not only the
/// pre-parse checks) are made to refuse it.
/// </summary>
public sealed record HostileRequest(string Kind, string Body, bool ExpectRefusal = true)
{
    public static IReadOnlyList<HostileRequest> All(int urn) =>
    [
        // 40 fragments each spreading the previous twice: the 1.7 KB of text, 2^40 selections once expanded.
        Query("fragment bomb, 40 levels (2^40 expanded)", FragmentBomb(40)),
        // 2^9 x 2 = 1,024 selections: just over MaxExpandedFields (1,000), from a text well inside every text limit.
        Query("fragment bomb just over the expanded-field limit", FragmentBomb(9, "localAuthority { measures { enrolments } }")),
        Query("20,000 repeated identical fields", Repeated(20_000, "__typename")),
        // 500 fields written: exactly MaxFields, so this one reaches the validator's pairwise field comparison; the
        // copies merge into one field, so it is answered, and only its time is judged.
        Query("repeated fields at the field limit (250 x schools { totalCount })", Repeated(250, "schools { totalCount }")) with { ExpectRefusal = false },
        Query("3,000 aliased __schema", Aliased(3_000, "__schema { types { name fields { name } } }")),
        Query("2 aliased __schema (within the alias limit)", Aliased(2, "__schema { types { name fields { name } } }")),
        Query("1,000 aliased tsmPack", Aliased(1_000, $"tsmPack(urn: {urn}) {{ pupilsMeasured }}")),
        Query("5 aliased tsmPack (within the alias limit)", Aliased(5, $"tsmPack(urn: {urn}) {{ pupilsMeasured }}")),
        new("1 MiB body", JsonSerializer.Serialize(new { query = "{ __typename }", padding = new string('x', 1 << 20) })),
    ];

    public int Bytes => Encoding.UTF8.GetByteCount(Body);

    private static HostileRequest Query(string kind, string query) => new(kind, JsonSerializer.Serialize(new { query }));

    private static string FragmentBomb(int levels, string selection = "__typename")
    {
        var text = new StringBuilder($"query {{ ...F{levels} }} fragment F0 on Query {{ {selection} }} ");
        for (var level = 1; level <= levels; level++)
            text.Append($"fragment F{level} on Query {{ ...F{level - 1} ...F{level - 1} }} ");
        return text.ToString();
    }

    private static string Repeated(int count, string selection) => "{ " + string.Join(' ', Enumerable.Repeat(selection, count)) + " }";

    private static string Aliased(int count, string selection) =>
        "{ " + string.Join(' ', Enumerable.Range(0, count).Select(i => $"a{i}: {selection}")) + " }";
}

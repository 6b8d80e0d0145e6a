using AttendanceGraph.Schema.Codes;

namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// A count of sessions: the sessions whose code is in <see cref="Codes"/>. Every session measure is one of
/// these, defined once from the code catalogue; SQL and in-memory evaluation are both generated from it.
/// </summary>
public sealed record SessionCount(string Name, string Description, IReadOnlyList<AttendanceCode> Codes)
{
    /// <summary>When the count is exactly one or more whole categories, the category columns answer it cheaply.</summary>
    public IReadOnlyList<AttendanceCategory>? WholeCategories { get; init; }

    /// <summary>
    /// Whether <paramref name="code"/> is one of <see cref="Codes"/> (record equality, as <c>Codes.Contains</c>), by its id:
    /// pupil patterns ask it of every mark several times over, and a list search compared every field of up to 30 codes
    /// each time (2.4 s of a 1,000-pupil TSM pack at 38 M marks).
    /// </summary>
    public bool Includes(AttendanceCode code)
    {
        var index = this.index;
        if (index is null || !ReferenceEquals(index.Codes, Codes)) this.index = index = new CodeIndex(Codes);
        return index.Contains(code);
    }

    // Built on first use from Codes (and again if a copy was given other Codes).
    private CodeIndex? index;

    private sealed class CodeIndex
    {
        private readonly AttendanceCode?[] byId;
        private readonly bool sharedIds;

        public CodeIndex(IReadOnlyList<AttendanceCode> codes)
        {
            Codes = codes;
            byId = ById(codes, out sharedIds);
        }

        public IReadOnlyList<AttendanceCode> Codes { get; }

        public bool Contains(AttendanceCode code)
        {
            if (sharedIds) return Codes.Contains(code);
            return code.Id < byId.Length && byId[code.Id] is { } held && (ReferenceEquals(held, code) || held.Equals(code));
        }

        private static AttendanceCode?[] ById(IReadOnlyList<AttendanceCode> codes, out bool shared)
        {
            var table = new AttendanceCode?[256];
            shared = false;
            foreach (var c in codes)
            {
                if (table[c.Id] is { } other && !other.Equals(c)) shared = true;
                table[c.Id] = c;
            }
            return table;
        }
    }
}

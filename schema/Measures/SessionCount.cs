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

    public bool Includes(AttendanceCode code) => Codes.Contains(code);
}

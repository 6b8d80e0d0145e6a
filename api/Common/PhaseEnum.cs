using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

/// <summary>DfE statistics phases; values are the strings stored in the warehouse.</summary>
public sealed class PhaseEnum : EnumerationGraphType
{
    public static readonly IReadOnlyList<string> Reported = ["Primary", "Secondary", "Special"];

    public PhaseEnum()
    {
        Name = "Phase";
        Add("PRIMARY", "Primary", "Primary and middle-deemed-primary schools.");
        Add("SECONDARY", "Secondary", "Secondary, middle-deemed-secondary and all-through schools.");
        Add("SPECIAL", "Special", "Special schools, by establishment type whatever their phase.");
        Add("OTHER", "Other", "Nursery, 16 plus and alternative provision: not in DfE's three phases.");
    }
}

using System.Text.RegularExpressions;

namespace AttendanceGraph.Schema.Cohorts;

/// <summary>
/// The rules for a cohort key an LA declares: the same shape as the statutory keys (capitals, digits and
/// underscores, starting with a letter), so it reads alike in files, URLs and the API, and never one of the
/// statutory keys or ALL_PUPILS (a clash would merge the LA's memberships into a statutory figure).
/// </summary>
public static partial class CohortKey
{
    public const int MaxLength = 40;

    /// <summary>Keys an LA may not declare: every statutory reporting and membership cohort, and everyone.</summary>
    public static IReadOnlySet<string> Reserved { get; } =
        ReportingCohort.All.Select(c => c.Key).Concat(MembershipCohort.All).Append("ALL_PUPILS").ToHashSet(StringComparer.Ordinal);

    /// <summary>Keys are compared in capitals: an analyst's "young_carers" is YOUNG_CARERS.</summary>
    public static string Normalise(string key) => key.Trim().ToUpperInvariant();

    /// <summary>Why <paramref name="key"/> (normalised) cannot be an LA cohort's key, or null when it can.</summary>
    public static string? Problem(string key)
    {
        if (Reserved.Contains(key)) return $"{key} is a statutory cohort's key; choose another key for the LA's own cohort";
        if (key.Length > MaxLength) return $"a cohort key has at most {MaxLength} characters";
        if (!Shape().IsMatch(key)) return "a cohort key is letters, digits and underscores, starting with a letter (e.g. YOUNG_CARERS)";
        return null;
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex Shape();
}

namespace AttendanceGraph.Api.Dashboard;

/// <summary>
/// The headline measures the pages show, in one list: the GraphQL field, the Measure enum value and how a person
/// reads it. A lower value is better for every one but attendance.
/// </summary>
internal static class Measures
{
    public sealed record Headline(string Field, string Enum, string Label, string NationalField, bool HigherIsBetter = false);

    public static IReadOnlyList<Headline> All { get; } =
    [
        new("attendanceRate", "ATTENDANCE_RATE", "Attendance", "", HigherIsBetter: true),
        new("overallAbsenceRate", "OVERALL_ABSENCE_RATE", "Overall absence", "overallAbsenceRate"),
        new("authorisedAbsenceRate", "AUTHORISED_ABSENCE_RATE", "Authorised absence", "authorisedAbsenceRate"),
        new("unauthorisedAbsenceRate", "UNAUTHORISED_ABSENCE_RATE", "Unauthorised absence", "unauthorisedAbsenceRate"),
        new("persistentAbsenceRate", "PERSISTENT_ABSENCE_RATE", "Persistent absence (10% or more)", "persistentAbsenceRate"),
        new("severeAbsenceRate", "SEVERE_ABSENCE_RATE", "Severe absence (50% or more)", "severeAbsenceRate"),
    ];

    public static Headline ByEnum(string? value) => All.FirstOrDefault(m => m.Enum == value) ?? All[1];

    /// <summary>England publishes attendance only as 100 − overall absence.</summary>
    public static double? National(System.Text.Json.Nodes.JsonNode? national, Headline measure) =>
        measure.NationalField.Length > 0 ? Html.Number(national?[measure.NationalField])
        : Html.Number(national?["overallAbsenceRate"]) is { } absence ? 100 - absence : null;

    public static string PhaseLabel(string? phase) => phase switch
    {
        "PRIMARY" => "Primary",
        "SECONDARY" => "Secondary",
        "SPECIAL" => "Special",
        "OTHER" => "Other (nursery, 16 plus, AP)",
        _ => phase ?? "",
    };

    /// <summary>
    /// The sentence saying which published figure "England" is (API nationalComparison.basis): "England: DfE in-year, week
    /// commencing 2025-11-10." or, with none, why ("No published figure for England: …"). HTML-encoded.
    /// </summary>
    public static string EnglandBasis(System.Text.Json.Nodes.JsonNode? comparison)
    {
        var basis = comparison?["basis"]?.ToString();
        if (string.IsNullOrEmpty(basis)) return "England's figure is not published for this period.";
        return System.Net.WebUtility.HtmlEncode(basis.StartsWith("no ", StringComparison.Ordinal)
            ? char.ToUpperInvariant(basis[0]) + basis[1..] + "."
            : $"England: DfE {basis}.");
    }
}

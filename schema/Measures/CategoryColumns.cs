using AttendanceGraph.Schema.Codes;

namespace AttendanceGraph.Schema.Measures;

/// <summary>Names of the per-category session-count columns in the aggregate tables.</summary>
public static class CategoryColumns
{
    public static string For(AttendanceCategory category) => category switch
    {
        AttendanceCategory.Present => "c_present",
        AttendanceCategory.ApprovedEducationalActivity => "c_aea",
        AttendanceCategory.AuthorisedAbsence => "c_authorised",
        AttendanceCategory.UnauthorisedAbsence => "c_unauthorised",
        AttendanceCategory.NotCounted => "c_not_counted",
        AttendanceCategory.Administrative => "c_administrative",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    public static IReadOnlyList<AttendanceCategory> All { get; } = Enum.GetValues<AttendanceCategory>();
}

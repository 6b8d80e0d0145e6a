using AttendanceGraph.Etl.Model;
using AttendanceGraph.Schema.Identifiers;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// A UPN must be present and valid: 13 characters, its check letter right (DfE's weights 2 to 13 mod 23; the
/// algorithm itself is <see cref="Upn.Validate(ReadOnlySpan{char})"/> in schema/, shared with the API).
/// </summary>
public static class UpnRules
{
    public static RowProblem? Problem(string column, string upn)
    {
        if (upn.Length == 0) return RowProblem.Missing(column);
        return Upn.Validate(upn) is { } why ? Bad(column, upn, why) : null;
    }

    /// <summary>
    /// Why a UPN of the marks parser's raw bytes is invalid, or null; no allocation (called only for a UPN no
    /// enrolment knows, so a valid one costs nothing on the hot path).
    /// </summary>
    public static string? Why(ReadOnlySpan<byte> upn)
    {
        if (upn.Length > 64) return $"UPN must be {Upn.Length} characters, got {upn.Length}";
        Span<char> chars = stackalloc char[upn.Length];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)upn[i];
        return Upn.Validate(chars);
    }

    public static RowProblem Bad(string column, string upn, string why) =>
        new(column, RejectionReason.BadUpn, $"bad UPN {LineExcerpt.Quote(upn)}: {why}");
}

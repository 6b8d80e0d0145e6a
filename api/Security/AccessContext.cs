using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AttendanceGraph.Api.Security;

/// <summary>
/// The request's caller and whether its aggregates are published under disclosure control (always for
/// bi-reader; on request for any role with the header <c>X-Disclosure-Control: true</c>).
/// </summary>
public sealed class AccessContext(IHttpContextAccessor http, IOptions<JwtSettings> settings)
{
    public const string DisclosureHeader = "X-Disclosure-Control";

    private AttendanceUser? user;

    public AttendanceUser User => user ??= AttendanceUser.From(http.HttpContext?.User, settings.Value);

    public bool DisclosureControl => User.IsBiReader || RequestedDisclosureControl;

    private bool RequestedDisclosureControl =>
        http.HttpContext?.Request.Headers[DisclosureHeader].ToString() is { Length: > 0 } v
        && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1" || v.Equals("on", StringComparison.OrdinalIgnoreCase));
}

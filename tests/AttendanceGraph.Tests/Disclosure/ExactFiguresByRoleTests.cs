using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using System.Security.Claims;

namespace AttendanceGraph.Tests.Disclosure;

/// <summary>
/// Who is given exact figures is decided by role, and anything else is protected: a caller with no known role (which the
/// endpoints refuse before any resolver runs) would get published values, not exact ones.
/// </summary>
public sealed class ExactFiguresByRoleTests
{
    private static readonly MeasureRequest LaYear = new(Period.Year(new AcademicYear(2025)));

    [Theory]
    [InlineData(Roles.LaLead, true)]
    [InlineData(Roles.VirtualSchool, true)]
    [InlineData(Roles.BiReader, false)]
    [InlineData("someone-else", false)]
    [InlineData(null, false)]
    public void TheLaWideCell_IsExactOnlyForTheRolesThatSeeExactFigures(string? role, bool exact) =>
        Assert.Equal(exact, Aggregates(role).IsExact(LaYear, null));

    [Fact]
    public void NobodySignedIn_IsNeverGivenExactFigures() =>
        Assert.False(new ProtectedAggregates(null!, Access(new ClaimsPrincipal(new ClaimsIdentity()))).IsExact(LaYear, null));

    private static ProtectedAggregates Aggregates(string? role)
    {
        var claims = new List<Claim> { new("sub", "test") };
        if (role is not null) claims.Add(new Claim("role", role));
        return new ProtectedAggregates(null!, Access(new ClaimsPrincipal(new ClaimsIdentity(claims, "test"))));
    }

    private static AccessContext Access(ClaimsPrincipal user) =>
        new(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = user } }, Options.Create(new JwtSettings()));
}

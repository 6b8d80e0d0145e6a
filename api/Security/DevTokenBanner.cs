using AttendanceGraph.Api.Data;
using Microsoft.Extensions.Options;

namespace AttendanceGraph.Api.Security;

/// <summary>Development only: prints a ready-made token for each role, signed with the development key.</summary>
public static class DevTokenBanner
{
    public static void Print(WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<JwtSettings>>().Value;
        if (!app.Environment.IsDevelopment() || !settings.PrintDevTokens || string.IsNullOrEmpty(settings.SigningKey)) return;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            Console.WriteLine("Development tokens (valid 12 hours; send as 'Authorization: Bearer <token>'):");
            foreach (var role in Roles.All)
            {
                var urn = role == Roles.School ? FirstSchoolUrn(app) : null;
                var label = urn is null ? role : $"{role} (URN {urn})";
                Console.WriteLine($"  {label}: {TokenIssuer.Create(settings, $"dev-{role}", role, urn)}");
            }
            // Ready to paste, so the banner's curl example works as printed.
            Console.WriteLine($"export TOKEN={TokenIssuer.Create(settings, $"dev-{Roles.LaLead}", Roles.LaLead, null)}");
        });
    }

    private static int? FirstSchoolUrn(WebApplication app)
    {
        try
        {
            using var scope = app.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<QueryContext>().Facts.Schools.FirstOrDefault()?.Urn;
        }
        catch (WarehouseEmptyException)
        {
            return 100000;
        }
    }
}

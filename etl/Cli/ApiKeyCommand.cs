using AttendanceGraph.Etl.Pipeline;
using System.Globalization;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Cli;

/// <summary>
/// The la-lead's API keys from the server's shell (the createApiKey/revokeApiKey mutations do the same over GraphQL):
/// <c>api-key create|list|revoke</c> against the warehouse's operational store.
/// </summary>
public static class ApiKeyCommand
{
    public static int Run(CommandLine cl, TextWriter output)
    {
        var action = cl.Positional.FirstOrDefault() ?? throw new UsageException("api-key needs create, list or revoke");
        var paths = WarehousePaths.Resolve(cl.Value("warehouse"));
        var now = DateTime.UtcNow;
        switch (action)
        {
            case "create":
            {
                var name = cl.Value("name") ?? throw new UsageException("api-key create needs --name");
                var role = cl.Value("role") ?? throw new UsageException("api-key create needs --role bi-reader|school");
                var urn = cl.Int("urn");
                var expires = cl.Date("expires") ?? throw new UsageException("api-key create needs --expires yyyy-mm-dd");
                var persistedOnly = !cl.Flag("any-query");
                cl.RejectUnknown();
                using var db = OperationalDb.Open(paths.OperationalStore);
                try
                {
                    var (key, secret) = ApiKeys.Create(db, name, role, urn, expires.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                        persistedOnly, $"cli:{Environment.UserName}", now);
                    output.WriteLine($"created key {key.Id} '{key.Name}' ({key.Role}{(key.Urn is { } u ? $" {u}" : "")}), expires {key.ExpiresAt:yyyy-MM-dd}"
                        + (key.PersistedOnly ? ", persisted documents only" : ""));
                    output.WriteLine("secret (shown once; only its hash is stored):");
                    output.WriteLine(secret);
                }
                catch (ArgumentException e)
                {
                    throw new UsageException(e.Message);
                }
                return ExitCodes.Success;
            }
            case "list":
            {
                cl.RejectUnknown();
                using var db = OperationalDb.Open(paths.OperationalStore);
                foreach (var k in ApiKeys.List(db))
                {
                    var state = k.RevokedAt is not null ? "revoked" : k.ExpiresAt <= now ? "expired" : "active";
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{k.Id,4}  {state,-7}  {k.Prefix}…  {k.Role,-9} {k.Urn,7}  expires {k.ExpiresAt:yyyy-MM-dd}  last used {k.LastUsedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never"}  {k.Uses} uses  {k.Name}"));
                }
                return ExitCodes.Success;
            }
            case "revoke":
            {
                var id = cl.Int("id") ?? throw new UsageException("api-key revoke needs --id N");
                cl.RejectUnknown();
                using var db = OperationalDb.Open(paths.OperationalStore);
                var key = ApiKeys.Revoke(db, id, now) ?? throw new UsageException($"there is no API key {id}");
                output.WriteLine($"revoked key {key.Id} '{key.Name}'");
                return ExitCodes.Success;
            }
            default:
                throw new UsageException($"unknown api-key action '{action}'");
        }
    }
}

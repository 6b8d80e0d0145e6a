using System.CommandLine;
using System.Globalization;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Cli;

/// <summary>
/// The la-lead's API keys from the server's shell (the createApiKey/revokeApiKey mutations do the same over GraphQL):
/// <c>api-key create|list|revoke</c> against the warehouse's operational store.
/// </summary>
public static class ApiKeyCommand
{
    public static Command Create() => new("api-key",
        "The BI tools' API keys in the operational store (hashed; the secret is printed once, at create). A key runs only " +
        "persisted documents unless created with --any-query. See docs/bi-tools.md.")
    {
        CreateKey(), ListKeys(), RevokeKey(),
    };

    private static Command CreateKey()
    {
        var name = CliOptions.Text("--name", "What the key is for, e.g. \"Power BI\"", "NAME", required: true);
        var role = CliOptions.Text("--role", "The key's role: bi-reader (aggregates under disclosure control) or school (with --urn)", "bi-reader|school", required: true);
        var urn = CliOptions.Int("--urn", "The school a school key is for", "URN");
        var expires = CliOptions.Date("--expires", "The day the key stops working", required: true);
        var anyQuery = CliOptions.Flag("--any-query", "Let the key run any query, not only the persisted documents");
        var warehouse = CliOptions.Warehouse();
        var command = new Command("create", "Creates a key and prints its secret once (only its hash is stored)")
        {
            name, role, urn, expires, anyQuery, warehouse,
        };
        command.SetAction(r =>
        {
            var output = r.InvocationConfiguration.Output;
            var paths = WarehousePaths.Resolve(r.GetValue(warehouse));
            using var db = OperationalDb.Open(paths.OperationalStore);
            try
            {
                var (key, secret) = ApiKeys.Create(db, r.GetRequiredValue(name)!, r.GetRequiredValue(role)!, r.GetValue(urn),
                    r.GetRequiredValue(expires)!.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    !r.GetValue(anyQuery), $"cli:{Environment.UserName}", DateTime.UtcNow, u => LaSchools(paths).Contains(u));
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
        });
        return command;
    }

    private static Command ListKeys()
    {
        var warehouse = CliOptions.Warehouse();
        var command = new Command("list", "Lists every key: state, prefix, role, expiry, last use") { warehouse };
        command.SetAction(r =>
        {
            var now = DateTime.UtcNow;
            using var db = OperationalDb.Open(WarehousePaths.Resolve(r.GetValue(warehouse)).OperationalStore);
            foreach (var k in ApiKeys.List(db))
            {
                var state = k.RevokedAt is not null ? "revoked" : k.ExpiresAt <= now ? "expired" : "active";
                r.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{k.Id,4}  {state,-7}  {k.Prefix}…  {k.Role,-9} {k.Urn,7}  expires {k.ExpiresAt:yyyy-MM-dd}  last used {k.LastUsedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never"}  {k.Uses} uses  {k.Name}"));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var id = CliOptions.Int("--id", "The key to revoke (its number in api-key list)", required: true);
        var warehouse = CliOptions.Warehouse();
        var command = new Command("revoke", "Revokes a key at once") { id, warehouse };
        command.SetAction(r =>
        {
            var n = r.GetValue(id)!.Value;
            using var db = OperationalDb.Open(WarehousePaths.Resolve(r.GetValue(warehouse)).OperationalStore);
            var key = ApiKeys.Revoke(db, n, DateTime.UtcNow) ?? throw new UsageException($"there is no API key {n}");
            r.InvocationConfiguration.Output.WriteLine($"revoked key {key.Id} '{key.Name}'");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The URNs of the LA's schools in the current snapshot.</summary>
    private static IReadOnlySet<int> LaSchools(WarehousePaths paths)
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(paths)
            ?? throw new UsageException("nothing has been loaded into this warehouse yet: load a batch before creating a school key");
        return ServedLocalAuthority.Schools(c);
    }
}

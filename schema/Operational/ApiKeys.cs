using System.Security.Cryptography;
using System.Text;

namespace AttendanceGraph.Schema.Operational;

/// <summary>Why a presented key was not accepted (each answers 401 at once; none is cached).</summary>
public enum ApiKeyRejection { None, Unknown, Revoked, Expired }

/// <summary>
/// Creating, listing, revoking and checking API keys in the operational store: one place for the API's mutations, the
/// API's authentication and the etl CLI. A key is <c>agk_</c> and 32 random bytes (base64url), so its SHA-256 is a safe
/// store: there is nothing to guess and nothing to salt.
/// </summary>
public static class ApiKeys
{
    public const string BiReaderRole = "bi-reader", SchoolRole = "school";
    private const string SecretPrefix = "agk_";

    /// <summary>Stores a new key; returns it and its secret (the only time the secret exists outside the caller).</summary>
    /// <param name="isLaSchool">
    /// Whether a URN is one of the LA's schools in the current snapshot: a school key for any other URN (a typo, another
    /// LA's school) would be made, and answer nothing but NOT_FOUND, so it is refused.
    /// </param>
    public static (ApiKey Key, string Secret) Create(OperationalDb db, string name, string role, int? urn, DateTime expiresAt,
        bool persistedOnly, string createdBy, DateTime now, Func<int, bool> isLaSchool)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a key needs a name");
        if (role is not (BiReaderRole or SchoolRole)) throw new ArgumentException($"a key's role is {BiReaderRole} or {SchoolRole}, not '{role}'");
        if (role == SchoolRole != urn is not null) throw new ArgumentException("a school key needs the school's URN, and only a school key has one");
        if (urn is { } u && !isLaSchool(u)) throw new ArgumentException($"URN {u} is not one of the local authority's schools in the warehouse");
        if (expiresAt <= now) throw new ArgumentException("the expiry must be in the future");
        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = new ApiKey
        {
            Name = name.Trim(), Role = role, Urn = urn, SecretHash = HashOf(secret), Prefix = secret[..(SecretPrefix.Length + 6)],
            PersistedOnly = persistedOnly, CreatedAt = now, CreatedBy = createdBy, ExpiresAt = expiresAt,
        };
        db.ApiKeys.Add(key);
        db.SaveChanges();
        return (key, secret);
    }

    public static IReadOnlyList<ApiKey> List(OperationalDb db) => db.ApiKeys.OrderBy(k => k.Id).ToList();

    /// <summary>Revokes the key (idempotent); null when there is no such key.</summary>
    public static ApiKey? Revoke(OperationalDb db, int id, DateTime now)
    {
        var key = db.ApiKeys.Find(id);
        if (key is null) return null;
        key.RevokedAt ??= now;
        db.SaveChanges();
        return key;
    }

    /// <summary>The key a secret belongs to if it may be used now, recording the use; otherwise why not.</summary>
    public static (ApiKey? Key, ApiKeyRejection Rejection) Use(OperationalDb db, string secret, DateTime now)
    {
        var hash = HashOf(secret);
        var key = db.ApiKeys.FirstOrDefault(k => k.SecretHash == hash);
        if (key is null) return (null, ApiKeyRejection.Unknown);
        if (key.RevokedAt is not null) return (null, ApiKeyRejection.Revoked);
        if (key.ExpiresAt <= now) return (null, ApiKeyRejection.Expired);
        key.LastUsedAt = now;
        key.Uses++;
        db.SaveChanges();
        return (key, ApiKeyRejection.None);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

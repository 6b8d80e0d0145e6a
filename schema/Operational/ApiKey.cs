namespace AttendanceGraph.Schema.Operational;

/// <summary>
/// A key a BI tool stores instead of a token (Power BI's scheduled refresh cannot renew a bearer token). Only the
/// SHA-256 of the secret is kept: the secret is shown once, when the key is created.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>bi-reader or school (keys never carry a pupil-wide role such as la-lead).</summary>
    public string Role { get; set; } = "";
    /// <summary>The school's URN for the school role.</summary>
    public int? Urn { get; set; }
    /// <summary>Lower-case hex SHA-256 of the secret (unique).</summary>
    public string SecretHash { get; set; } = "";
    /// <summary>The secret's first characters, so a listing can tell keys apart without revealing them.</summary>
    public string Prefix { get; set; } = "";
    public bool PersistedOnly { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public long Uses { get; set; }
}

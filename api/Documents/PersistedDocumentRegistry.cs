using System.Reflection;
using System.Security.Cryptography;
using AttendanceGraph.Api.Http.Persisted;

namespace AttendanceGraph.Api.Documents;

/// <summary>
/// The persisted documents: every <c>.graphql</c> file under api/Documents (the BI set in bi/, the dashboard's in
/// dashboard/, any folder added later), embedded at build time so the deployed API trusts exactly what was reviewed.
/// Each is addressed by <c>sha256:</c> and the lower-case hex SHA-256 of its bytes as committed (Appendix A).
/// </summary>
public sealed class PersistedDocumentRegistry : IPersistedDocumentStore
{
    private const string Prefix = "Documents/";
    private readonly Dictionary<string, PersistedDocument> _byId;

    public PersistedDocumentRegistry() : this(typeof(PersistedDocumentRegistry).Assembly)
    {
    }

    public PersistedDocumentRegistry(Assembly assembly)
    {
        All = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".graphql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Load(assembly, n))
            .ToList();
        _byId = All.ToDictionary(d => d.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<PersistedDocument> All { get; }

    public PersistedDocument? Find(string documentId) => _byId.GetValueOrDefault(documentId);

    /// <summary>The identifier of a document's text: what a client computes to call it without the listing.</summary>
    public static string IdOf(byte[] utf8) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(utf8));

    private static PersistedDocument Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        // The name is the path under Documents/ without the extension: "bi/schools-table".
        var name = resource[Prefix.Length..^".graphql".Length].Replace('\\', '/');
        return new PersistedDocument(IdOf(bytes), name, new System.Text.UTF8Encoding(false).GetString(bytes));
    }
}

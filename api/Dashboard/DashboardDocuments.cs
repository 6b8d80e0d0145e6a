using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Http;
using GraphQL;
using GraphQL.Transport;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>What a document answered: its data (partial when some fields were refused) and the errors' codes and messages.</summary>
internal sealed record DocumentAnswer(JsonNode? Data, IReadOnlyList<(string Code, string Message, string Path)> Errors)
{
    /// <summary>True when the caller's role may not see the field at <paramref name="pathPrefix"/> (or anything under it).</summary>
    public bool Forbidden(string pathPrefix) =>
        Errors.Any(e => e.Code == "FORBIDDEN" && (e.Path.Length == 0 || e.Path.StartsWith(pathPrefix, StringComparison.Ordinal)));
}

/// <summary>
/// Runs the dashboard's own GraphQL documents (api/Documents/dashboard/*.graphql, embedded at build) through the
/// endpoint's executor as the signed-in user, so every page figure passes the same validation limits, access control,
/// disclosure control and audit as any client's query.
/// </summary>
internal sealed class DashboardDocuments(GraphQLHttpHandler handler, IGraphQLTextSerializer serializer)
{
    private readonly List<string> errorCodes = [];

    /// <summary>The error codes of every document this page's runner has run (the warmer reports them; codes only, never messages).</summary>
    public IReadOnlyList<string> ErrorCodes => errorCodes;

    private const string ResourcePrefix = "Documents/dashboard/";
    private static readonly ConcurrentDictionary<string, string> Texts = new(StringComparer.Ordinal);

    public static string Text(string name) => Texts.GetOrAdd(name, static n =>
    {
        using var stream = typeof(DashboardDocuments).Assembly.GetManifestResourceStream(ResourcePrefix + n + ".graphql")
            ?? throw new InvalidOperationException($"The dashboard document {n}.graphql is not embedded (api/Documents/dashboard/).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public Task<DocumentAnswer> RunAsync(HttpContext context, string name, IDictionary<string, object?> variables, bool mutation = false) =>
        RunAsync(context, name, variables, mutation, context.RequestServices);

    /// <summary>
    /// Runs a query document in a scope of its own (its own warehouse connection and access context, the same signed-in
    /// user), so a page can run it beside its other documents: a scope's connection runs one query at a time. Its answer
    /// may come from a snapshot published while the page was being drawn, so the page should show it with its own date.
    /// </summary>
    public async Task<DocumentAnswer> RunBesideAsync(HttpContext context, string name, IDictionary<string, object?> variables)
    {
        await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        return await RunAsync(context, name, variables, mutation: false, scope.ServiceProvider);
    }

    private async Task<DocumentAnswer> RunAsync(HttpContext context, string name, IDictionary<string, object?> variables, bool mutation, IServiceProvider services)
    {
        var request = new GraphQLRequest { Query = Text(name), OperationName = name, Variables = new Inputs(variables) };
        ExecutionResult result;
        using (DashboardTiming.Of(context)?.Document(name))
            result = await handler.ExecuteDocumentAsync(context, request, queryOnly: !mutation, context.RequestAborted, services);
        var json = JsonNode.Parse(serializer.Serialize(result))!;
        var errors = (json["errors"] as JsonArray ?? [])
            .Select(e => (
                Code: e?["extensions"]?["code"]?.ToString() ?? "ERROR",
                Message: e?["message"]?.ToString() ?? "",
                Path: string.Join(".", (e?["path"] as JsonArray ?? []).Select(p => p?.ToString()))))
            .ToList();
        lock (errorCodes) errorCodes.AddRange(errors.Select(e => e.Code));
        return new DocumentAnswer(json["data"], errors);
    }
}

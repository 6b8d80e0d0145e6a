using GraphQL;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using Microsoft.AspNetCore.Http;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// Settings of the GraphQL HTTP transport. The protective limits have safe defaults so an endpoint
/// mapped without configuration is still guarded against expensive documents.
/// </summary>
public sealed class GraphQLEndpointOptions
{
    /// <summary>Deepest selection-set nesting accepted; null disables the depth check.</summary>
    public int? MaxDepth { get; set; } = 15;

    /// <summary>Highest estimated complexity accepted; null disables the complexity check.</summary>
    public int? MaxComplexity { get; set; } = 2000;

    /// <summary>
    /// Assumed number of items a list field returns, multiplied into the cost of its children.
    /// Matches the typical page size so nested lists are priced like the rows they fan out to.
    /// </summary>
    public double ListImpactMultiplier { get; set; } = 10;

    /// <summary>
    /// Depth cap for operations made only of introspection fields, which are exempt from the data depth limit
    /// above because GraphiQL's schema query alone is 15 levels deep.
    /// </summary>
    public int IntrospectionMaxDepth { get; set; } = 20;

    /// <summary>
    /// Budget of an introspection-only operation, in copies of the schema: GraphiQL's schema query costs one, plus
    /// 1 each for `types` and `directives` (GraphQL.NET's own price for them; see <see cref="IntrospectionCost"/>), so
    /// the default lets it through with room for `__type` lookups but refuses a second listing.
    /// </summary>
    public double IntrospectionMaxSchemaListings { get; set; } = 2;

    /// <summary>
    /// The host's price for its own expensive fields (null from the function: priced as usual). The result's
    /// FieldImpact is multiplied by the list multipliers above the field, like every field's.
    /// </summary>
    public Func<FieldImpactContext, FieldComplexityResult?>? FieldCost { get; set; }

    /// <summary>Size limits on the request body and the query document, checked before parsing and validation.</summary>
    public DocumentLimits Document { get; set; } = new();

    /// <summary>
    /// Wall-clock budget for one request: reading the body, parsing, validation and execution together, cancelled
    /// early when the client disconnects. Timeout.InfiniteTimeSpan disables it.
    /// </summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bounds of CSV and Parquet exports.</summary>
    public Export.ExportLimits Export { get; set; } = new();

    /// <summary>
    /// True for a caller that may only run persisted documents (by documentId): the host decides from the role or the
    /// API key. A query's text from such a caller is refused with 403 PERSISTED_DOCUMENTS_ONLY before it is parsed.
    /// </summary>
    public Func<HttpContext, bool>? PersistedDocumentsOnly { get; set; }

    /// <summary>Serve the offline GraphiQL IDE to browsers asking for text/html.</summary>
    public bool EnableGraphiQL { get; set; } = true;

    /// <summary>
    /// The headers GraphiQL's header pane opens with, as a JSON object (null: an empty pane). The host decides; the page
    /// that carries them is then never stored by a cache.
    /// </summary>
    public Func<HttpContext, Task<string?>>? GraphiQLHeaders { get; set; }

    /// <summary>Extra validation rules appended after the spec's core rules and the transport's limits.</summary>
    public IList<IValidationRule> ValidationRules { get; } = new List<IValidationRule>();

    /// <summary>
    /// Builds the per-request user context (claims) from the HTTP request. Scoped services come from the execution's
    /// <c>RequestServices</c>, not from the context's: a document run in a scope of its own still passes the request's context.
    /// </summary>
    public Func<HttpContext, IDictionary<string, object?>>? UserContextFactory { get; set; }

    /// <summary>Called once per GraphQL request when it is answered (or the client has gone), for metrics.</summary>
    public Action<HttpContext, GraphQLRequestSummary>? OnCompleted { get; set; }

    /// <summary>
    /// Last-chance hook to adjust execution options (listeners, metrics, etc.) per request; scoped services from the
    /// options' <c>RequestServices</c>, not the context's (see <see cref="UserContextFactory"/>).
    /// </summary>
    public Action<ExecutionOptions, HttpContext>? ConfigureExecution { get; set; }
}

using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Execution;
using GraphQLParser.AST;
using AttendanceGraph.Api.Http.Export;
using AttendanceGraph.Api.Http.Persisted;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AttendanceGraph.Api.Http;

/// <summary>Handles GET and POST on the GraphQL endpoint: negotiate, read, execute, answer.</summary>
internal sealed class GraphQLHttpHandler(IOptions<GraphQLEndpointOptions> options, ILogger<GraphQLHttpHandler> logger)
{
    private readonly GraphQLEndpointOptions _options = options.Value;
    private readonly OperationLimitsRule _limits = new(options.Value);
    private static readonly object ErrorCodesItem = new();

    public async Task HandleAsync(HttpContext context)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var summary = new GraphQLRequestSummary();
        try
        {
            await HandleAsync(context, summary);
        }
        finally
        {
            summary.StatusCode = context.Response.StatusCode;
            summary.Duration = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            summary.ErrorCodes = context.Items[ErrorCodesItem] as IReadOnlyList<string> ?? [];
            _options.OnCompleted?.Invoke(context, summary);
        }
    }

    private async Task HandleAsync(HttpContext context, GraphQLRequestSummary summary)
    {
        var request = context.Request;
        var serializer = context.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        var isGet = HttpMethods.IsGet(request.Method);

        // A browser opening a persisted document's URL (documentId, no query) gets the document's answer, not the IDE.
        if (isGet && _options.EnableGraphiQL && !request.Query.ContainsKey("query") && !request.Query.ContainsKey("documentId")
            && AcceptNegotiator.PrefersHtml(request))
        {
            await GraphiQLAssets.WritePageAsync(context, request.PathBase + request.Path,
                _options.GraphiQLHeaders is { } headers ? await headers(context) : null);
            return;
        }

        // A file export answers its failures as graphql-response+json, whose status codes say it failed: a BI refresh
        // must stop on an error, not load a JSON body as if it were a table.
        var (export, formatError) = ExportRequest.Of(request);
        var mediaType = export is not null || formatError is not null ? ResponseMediaType.GraphQLResponseJson : AcceptNegotiator.Negotiate(request);
        summary.Format = export?.FileExtension ?? "json";
        if (mediaType is null)
        {
            // The client accepts neither type; plain JSON is the most widely readable error body.
            await WriteAsync(context, serializer, ResponseMediaType.Json, Failed(new NotAcceptableError(
                "The Accept header allows neither application/graphql-response+json nor application/json.")));
            return;
        }

        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            await WriteAsync(context, serializer, mediaType.Value, Failed(new MethodNotAllowedError(request.Method)));
            return;
        }
        if (formatError is not null)
        {
            await WriteAsync(context, serializer, mediaType.Value, Failed(new InvalidRequestError(formatError)));
            return;
        }

        // One deadline from the first byte read to the last resolver: parsing and validation used to run before
        // the execution timeout started and on after the client had gone (four 1.7 KB fragment bombs held both
        // cores for minutes).
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (_options.ExecutionTimeout != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(_options.ExecutionTimeout);
        }
        ExecutionResult? result;
        try
        {
            result = await ReadAndExecuteAsync(context, serializer, isGet, export, summary, deadline.Token);
            if (result is null)
            {
                return; // the export has written the file
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client has gone: there is no one to answer, and the work stopped with the token.
            return;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            result = Failed(new TimeoutError());
        }
        await WriteAsync(context, serializer, mediaType.Value, result, export is not null);
    }

    /// <summary>The result to answer as JSON, or null when an export has already written the response.</summary>
    private async Task<ExecutionResult?> ReadAndExecuteAsync(
        HttpContext context, IGraphQLTextSerializer serializer, bool isGet, ExportRequest? export, GraphQLRequestSummary summary,
        CancellationToken cancellationToken)
    {
        var reader = new GraphQLRequestReader(serializer, context.RequestServices.GetService<IPersistedDocumentStore>());
        var parsed = isGet
            ? reader.ReadQueryString(context.Request)
            : await reader.ReadBodyAsync(context.Request, _options.Document.MaxRequestBytes, cancellationToken);
        if (parsed.Error is not null)
        {
            return Failed(parsed.Error);
        }
        var request = parsed.Request!;
        if (parsed.Persisted is null && _options.PersistedDocumentsOnly?.Invoke(context) == true)
        {
            return Failed(new PersistedDocumentsOnlyError());
        }
        var (document, refused) = Parse(context.RequestServices, request);
        if (document is null)
        {
            return refused!;
        }
        summary.Operation = parsed.Persisted?.Name ?? request.OperationName
            ?? document.Definitions.OfType<GraphQLOperationDefinition>().SingleOrDefault()?.Name?.StringValue;
        if (export is null)
        {
            return await ExecuteAsync(context, request, document, isGet, cancellationToken);
        }
        var schema = context.RequestServices.GetRequiredService<ISchema>();
        schema.Initialize();
        var (shape, notFlat) = FlatShape.Of(schema, document, request.OperationName);
        if (shape is null)
        {
            return Failed(new NotFlatError(notFlat!));
        }
        return await FlatExport.WriteAsync(context, export, shape, parsed.Persisted?.Name, request.Variables,
            variables => ExecuteAsync(context, new GraphQLRequest
            {
                Query = request.Query, OperationName = request.OperationName, Variables = variables, Extensions = request.Extensions,
            }, document, isGet, cancellationToken),
            serializer, _options.Export, logger, cancellationToken);
    }

    /// <summary>
    /// Checks, parses and executes one request as <paramref name="context"/>'s user, under every rule the endpoint applies
    /// (size budgets, validation limits, access control): the dashboard runs its own documents through here, so a page
    /// can never show what its role could not query. <paramref name="queryOnly"/> adds the GET rule (no mutations).
    /// <paramref name="services"/> is the scope the document's services come from (the request's by default): a page
    /// running two documents side by side gives each its own, since a scope's warehouse connection runs one query at a time.
    /// </summary>
    public async Task<ExecutionResult> ExecuteDocumentAsync(
        HttpContext context, GraphQLRequest request, bool queryOnly, CancellationToken cancellationToken, IServiceProvider? services = null)
    {
        services ??= context.RequestServices;
        var (document, refused) = Parse(services, request);
        return document is null ? refused! : await ExecuteAsync(context, request, document, queryOnly, cancellationToken, services);
    }

    /// <summary>The document within the size budgets, or the refusal.</summary>
    private (GraphQLDocument? Document, ExecutionResult? Refused) Parse(IServiceProvider services, GraphQLRequest request)
    {
        if (DocumentBudget.CheckText(request.Query!, _options.Document) is { } tooLarge)
        {
            return (null, Failed(tooLarge));
        }
        GraphQLDocument document;
        try
        {
            document = services.GetRequiredService<IDocumentBuilder>().Build(request.Query!);
        }
        catch (SyntaxError error)
        {
            return (null, Failed(error));
        }
        if (DocumentBudget.CheckExpansion(document, _options.Document) is { } tooLargeExpanded)
        {
            return (null, Failed(tooLargeExpanded));
        }
        return (document, null);
    }

    private async Task<ExecutionResult> ExecuteAsync(
        HttpContext context, GraphQLRequest request, GraphQLDocument document, bool isGet, CancellationToken cancellationToken,
        IServiceProvider? services = null)
    {
        services ??= context.RequestServices;
        var executionOptions = new ExecutionOptions
        {
            Schema = services.GetRequiredService<ISchema>(),
            Query = request.Query,
            Document = document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = services,
            User = context.User,
            // The deadline is this token: the executer rethrows its cancellation, and HandleAsync answers TIMEOUT.
            CancellationToken = cancellationToken,
            ValidationRules = BuildValidationRules(isGet),
            // The client only sees a generic message; the cause must reach the server log.
            UnhandledExceptionDelegate = exceptionContext =>
            {
                logger.LogError(exceptionContext.OriginalException, "Unhandled exception while executing a GraphQL request");
                return Task.CompletedTask;
            },
        };
        if (_options.UserContextFactory is not null)
        {
            executionOptions.UserContext = _options.UserContextFactory(context);
        }
        _options.ConfigureExecution?.Invoke(executionOptions, context);

        var executer = services.GetRequiredService<IDocumentExecuter>();
        return await executer.ExecuteAsync(executionOptions);
    }

    private List<IValidationRule> BuildValidationRules(bool isGet)
    {
        // Setting ValidationRules replaces the defaults, so the spec's core rules are listed first.
        var rules = new List<IValidationRule> { CancellableValidationRule.Instance };
        rules.AddRange(DocumentValidator.CoreRules);
        rules.Add(_limits);
        if (isGet)
        {
            rules.Add(QueriesOnlyOverGetRule.Instance);
        }
        rules.AddRange(_options.ValidationRules);
        return rules;
    }

    private static ExecutionResult Failed(ExecutionError error) => new() { Errors = new ExecutionErrors { error } };

    private static async Task WriteAsync(
        HttpContext context, IGraphQLTextSerializer serializer, ResponseMediaType mediaType, ExecutionResult result, bool export = false)
    {
        var response = context.Response;
        if (result.Errors is { Count: > 0 } errors)
        {
            context.Items[ErrorCodesItem] = errors.Select(e => e.Code ?? e.GetType().Name).Distinct().ToList();
        }
        response.StatusCode = export ? GraphQLStatusCodes.ForFailedExport(result) : GraphQLStatusCodes.For(result, mediaType);
        response.ContentType = MediaTypes.ContentTypeOf(mediaType);
        var allow = result.Errors?.OfType<IMethodNotAllowedError>().FirstOrDefault();
        if (allow is not null)
        {
            response.Headers.Allow = allow.Allow;
        }
        // Negotiation depends on Accept, so caches must key on it.
        response.Headers.Vary = "Accept";
        await serializer.WriteAsync(response.Body, result, context.RequestAborted);
    }
}

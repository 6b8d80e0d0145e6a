using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
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

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var serializer = context.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        var isGet = HttpMethods.IsGet(request.Method);

        if (isGet && _options.EnableGraphiQL && !request.Query.ContainsKey("query") && AcceptNegotiator.PrefersHtml(request))
        {
            await GraphiQLAssets.WritePageAsync(context, request.PathBase + request.Path);
            return;
        }

        var mediaType = AcceptNegotiator.Negotiate(request);
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

        var reader = new GraphQLRequestReader(serializer);
        var parsed = isGet
            ? reader.ReadQueryString(request)
            : await reader.ReadBodyAsync(request, context.RequestAborted);
        if (parsed.Error is not null)
        {
            await WriteAsync(context, serializer, mediaType.Value, Failed(parsed.Error));
            return;
        }

        var result = await ExecuteAsync(context, parsed.Request!, isGet);
        await WriteAsync(context, serializer, mediaType.Value, result);
    }

    private async Task<ExecutionResult> ExecuteAsync(HttpContext context, GraphQLRequest request, bool isGet)
    {
        var services = context.RequestServices;
        var executionOptions = new ExecutionOptions
        {
            Schema = services.GetRequiredService<ISchema>(),
            Query = request.Query,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = services,
            User = context.User,
            CancellationToken = context.RequestAborted,
            ValidationRules = BuildValidationRules(isGet),
            Timeout = _options.ExecutionTimeout,
            TimeoutAction = GraphQL.Execution.TimeoutAction.ReturnTimeoutError,
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
        var rules = new List<IValidationRule>(DocumentValidator.CoreRules);
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
        HttpContext context, IGraphQLTextSerializer serializer, ResponseMediaType mediaType, ExecutionResult result)
    {
        var response = context.Response;
        response.StatusCode = GraphQLStatusCodes.For(result, mediaType);
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

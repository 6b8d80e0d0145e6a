using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace AttendanceGraph.Api.Http;

/// <summary>
/// Serves the GraphiQL page and its npm-built bundles from resources embedded at build time, so the IDE
/// works with no network access and no CDN is ever contacted.
/// </summary>
internal static class GraphiQLAssets
{
    private const string ResourcePrefix = "GraphiQL/";

    // A fixed allow-list: the route parameter never reaches the resource lookup unchecked.
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["graphiql.min.js"] = "text/javascript; charset=utf-8",
        ["graphiql.min.css"] = "text/css; charset=utf-8",
        ["react.production.min.js"] = "text/javascript; charset=utf-8",
        ["react-dom.production.min.js"] = "text/javascript; charset=utf-8",
        ["graphiql-init.js"] = "text/javascript; charset=utf-8",
    };

    /// <param name="headersJson">The header pane's initial JSON (null: empty), handed to graphiql-init.js in a data attribute.</param>
    public static async Task WritePageAsync(HttpContext context, string endpointPath, string? headersJson = null)
    {
        var template = await ReadTextAsync("index.html");
        var html = template
            .Replace("{{endpoint}}", WebUtility.HtmlEncode(endpointPath), StringComparison.Ordinal)
            .Replace("{{headers}}", headersJson is null ? "" : $" data-headers=\"{WebUtility.HtmlEncode(headersJson)}\"", StringComparison.Ordinal)
            .Replace("{{assets}}", WebUtility.HtmlEncode(endpointPath.TrimEnd('/') + "/ide/"), StringComparison.Ordinal);
        context.Response.ContentType = "text/html; charset=utf-8";
        // A page carrying a token is the caller's alone: no shared or browser cache keeps it.
        context.Response.Headers.Vary = headersJson is null ? "Accept" : "Accept, Cookie";
        context.Response.Headers.CacheControl = headersJson is null ? "no-cache" : "no-store";
        await context.Response.WriteAsync(html, context.RequestAborted);
    }

    public static async Task WriteAssetAsync(HttpContext context, string file)
    {
        if (!ContentTypes.TryGetValue(file, out var contentType))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await using var stream = Open(file);
        context.Response.ContentType = contentType;
        context.Response.ContentLength = stream.Length;
        context.Response.Headers.CacheControl = "public, max-age=3600";
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static async Task<string> ReadTextAsync(string file)
    {
        await using var stream = Open(file);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    private static Stream Open(string file) =>
        typeof(GraphiQLAssets).Assembly.GetManifestResourceStream(ResourcePrefix + file)
        ?? throw new InvalidOperationException(
            $"GraphiQL asset '{file}' is not embedded; the api build target that runs npm ci in api/GraphiQL did not run.");
}

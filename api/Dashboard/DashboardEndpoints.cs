using AttendanceGraph.Api.Dashboard.Pages;
using AttendanceGraph.Api.Hosting;

namespace AttendanceGraph.Api.Dashboard;

/// <summary>The dashboard's services and routes: pages at /, their assets at /assets/, sign-in at /sign-in.</summary>
public static class DashboardEndpoints
{
    public static IServiceCollection AddAttendanceDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAntiforgery(o => o.Cookie.Name = "attendancegraph-antiforgery");
        services.AddScoped<DashboardDocuments>();
        services.Configure<DashboardWarmSettings>(configuration.GetSection("Dashboard:Warm"));
        services.Configure<DashboardPageSettings>(configuration.GetSection("Dashboard"));
        services.AddSingleton<DashboardWarmer>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardWarmer>());
        return services;
    }

    public static WebApplication MapAttendanceDashboard(this WebApplication app)
    {
        app.MapGet("/assets/{**path}", (HttpContext context, string path) => DashboardAssets.WriteAsync(context, path));
        app.MapGet("/sign-in", (HttpContext context) => SignInPage.Render(context));
        app.MapPost("/sign-in", (Delegate)SignInPage.PostAsync).DisableAntiforgery();
        app.MapPost("/sign-out", (Delegate)SignInPage.SignOutAsync).DisableAntiforgery();

        // Pages pass the same per-user rate limit and warehouse admission as the GraphQL endpoint: each runs its documents.
        var pages = app.MapGroup("").RequireGraphQLRequestLimits();
        pages.MapGet("/", Page(LocalAuthorityPage.RenderAsync, LocalAuthorityPage.Title, LocalAuthorityPage.Current));
        pages.MapGet("/schools", Page(SchoolsPage.RenderAsync, SchoolsPage.Title, SchoolsPage.Current));
        pages.MapGet("/schools/{urn:int}", Page(c => SchoolPage.RenderAsync(c, RouteUrn(c))));
        pages.MapGet("/schools/{urn:int}/tsm", Page(c => TsmPackPage.RenderAsync(c, RouteUrn(c))));
        pages.MapPost("/schools/{urn:int}/tsm", Page(c => TsmMeetingForm.PostAsync(c, RouteUrn(c)))).DisableAntiforgery();
        pages.MapGet("/virtual-school", Page(VirtualSchoolPage.RenderAsync, VirtualSchoolPage.Title, VirtualSchoolPage.Current));
        pages.MapGet("/needs-attention", Page(NeedsAttentionPage.RenderAsync, NeedsAttentionPage.Title, NeedsAttentionPage.Current));
        return app;
    }

    /// <summary>
    /// Signs in first when nobody is, then renders the page as the signed-in user. A page whose title and navigation
    /// entry are fixed (<paramref name="title"/>, <paramref name="current"/>) and that always answers 200 starts streaming
    /// (<see cref="PageStream"/>) before it reads anything, and sends the navigation as soon as the period is resolved, so
    /// the browser has the stylesheets and paints the layout while the page's first section is still being read.
    /// </summary>
    private static RequestDelegate Page(Func<DashboardContext, Task<IResult>> render, string? title = null, string? current = null) => async http =>
    {
        SetSecurityHeaders(http);
        DashboardTiming.Start(http);
        if (!DashboardContext.SignedIn(http))
        {
            await Results.Redirect("/sign-in").ExecuteAsync(http);
            return;
        }
        DashboardContext? context = null;
        try
        {
            var stream = title is null ? null : await PageStream.StartAsync(http, title);
            context = await DashboardContext.CreateAsync(http);
            if (stream is not null && context is not null) await stream.WriteAsync(context, current!, "");
            var result = context is null ? Results.Redirect("/sign-in") : await render(context);
            await result.ExecuteAsync(http);
        }
        catch (Exception e) when (PageStream.Of(http) is not null && !http.RequestAborted.IsCancellationRequested)
        {
            // The status has gone; say on the page that it is unfinished. The type only: a message can quote pupil data.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardEndpoints))
                .LogError("Dashboard page {Route} failed after it had started streaming ({Exception}); the page says it is unfinished",
                    (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText, e.GetType().Name);
            await PageStream.Of(http)!.FailAsync(context, current ?? "");
        }
    };

    private static int RouteUrn(DashboardContext context) => int.Parse((string)context.Http.Request.RouteValues["urn"]!, System.Globalization.CultureInfo.InvariantCulture);

    private static void SetSecurityHeaders(HttpContext http)
    {
        var headers = http.Response.Headers;
        // Only this origin's scripts and styles; a figure can never be sent anywhere else from the page.
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "same-origin";
    }
}

using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.GraphQLSchema;
using AttendanceGraph.Api.Documents;
using AttendanceGraph.Api.Http;
using AttendanceGraph.Api.Http.Persisted;
using AttendanceGraph.Api.Schools;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Warehouse;
using GraphQL;

namespace AttendanceGraph.Api.Hosting;

public static class AttendanceGraphServices
{
    /// <summary>The warehouse reader, the per-request query context, the schema, the HTTP transport and its admission control.</summary>
    public static IServiceCollection AddAttendanceGraph(this IServiceCollection services, IConfiguration configuration)
    {
        var paths = WarehousePaths.Resolve(configuration["Warehouse:Path"]);
        services.AddSingleton(paths);
        services.AddSingleton(sp => new WarehouseReader(paths, configuration["Warehouse:MemoryLimit"] ?? "2GB",
            WarehouseAdmission.DuckDbThreads(configuration), sp.GetRequiredService<ILogger<WarehouseReader>>()));
        services.AddSingleton<SnapshotFactsCache>();
        services.AddSingleton(_ => new MeasureResultCache(configuration.GetValue("Warehouse:ResultCacheEntries", 4096)));
        services.AddSingleton(_ => new PupilRowsCache(configuration.GetValue("Warehouse:PupilRowsCacheEntries", 32)));
        services.AddHostedService(_ => NativeHeapTrimmer.From(configuration));
        services.AddScoped<QueryContext>();
        services.AddScoped<SchoolContacts>();
        services.AddHttpContextAccessor();
        services.AddScoped<AccessContext>();
        services.AddScoped<PupilAccessPolicy>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AttendanceGraph.Api.Audit.IPupilAccessAudit, AttendanceGraph.Api.Audit.OperationalStorePupilAccessAudit>();
        services.AddScoped<AttendanceGraph.Api.Pupils.IPupilReadGuard, PupilAccessGuard>();
        services.AddScoped<AttendanceGraph.Api.Disclosure.ProtectedAggregates>();
        services.AddGraphQL(b => b
            .AddSchema<AttendanceSchema>()
            .UseMiddleware<AccessControlMiddleware>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(AttendanceSchema).Assembly));
        services.AddGraphQLRequestLimits(configuration);
        services.AddSingleton<IPersistedDocumentStore, PersistedDocumentRegistry>();
        services.AddGraphQLTransport(o =>
        {
            configuration.GetSection("GraphQL").Bind(o);
            o.PersistedDocumentsOnly = PersistedDocumentsOnlyPolicy.From(configuration);
            o.GraphiQLHeaders = GraphiQLDevHeaders.ForAsync;
            o.FieldCost = PupilFieldCost.Within(configuration.GetValue("GraphQL:PupilFieldsPerRequest", PupilFieldCost.DefaultFieldsPerRequest));
        });
        return services;
    }
}

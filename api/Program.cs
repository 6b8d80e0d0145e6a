using AttendanceGraph.Api.Hosting;
using AttendanceGraph.Api.Http;
using AttendanceGraph.Schema.Warehouse;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAttendanceGraph(builder.Configuration);

var app = builder.Build();
if (app.Configuration.GetValue("Warehouse:GenerateDemoWhenEmpty", true))
    DemoWarehouse.EnsureLoaded(app.Services.GetRequiredService<WarehousePaths>(), app.Logger);
app.MapGraphQLEndpoint("/graphql");
StartupBanner.Print(app);
app.Run();

/// <summary>Exposed for WebApplicationFactory in the HTTP tests.</summary>
public partial class Program;

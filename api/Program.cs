using AttendanceGraph.Api.Hosting;
using AttendanceGraph.Api.Http;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Warehouse;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAttendanceGraph(builder.Configuration);
builder.Services.AddAttendanceGraphAuthentication(builder.Configuration, builder.Environment);

var app = builder.Build();
if (app.Configuration.GetValue("Warehouse:GenerateDemoWhenEmpty", true))
    DemoWarehouse.EnsureLoaded(app.Services.GetRequiredService<WarehousePaths>(), app.Logger);
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapGraphQLEndpoint("/graphql").RequireGraphQLCaller().RequireWarehouseAdmission(app.Configuration);
StartupBanner.Print(app);
DevTokenBanner.Print(app);
app.Run();

/// <summary>Exposed for WebApplicationFactory in the HTTP tests.</summary>
public partial class Program;

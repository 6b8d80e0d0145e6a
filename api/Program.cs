using AttendanceGraph.Api.Dashboard;
using AttendanceGraph.Api.Health;
using AttendanceGraph.Api.Hosting;
using AttendanceGraph.Api.Http;
using AttendanceGraph.Api.Security;

var builder = WebApplication.CreateBuilder(LaunchEnvironment.Options(args));
builder.Services.AddAttendanceGraph(builder.Configuration);
builder.Services.AddAttendanceGraphAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddAttendanceGraphHealth();
builder.Services.AddAttendanceDashboard();

var app = builder.Build();
if (!WarehouseStartup.Prepare(app)) return WarehouseStartup.DamagedExitCode;
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapGraphQLEndpoint("/graphql").RequireGraphQLCaller().RequireGraphQLRequestLimits();
app.MapAttendanceGraphHealth();
app.MapAttendanceDashboard();
StartupBanner.Print(app);
DevTokenBanner.Print(app);
app.Run();
return 0;

/// <summary>Exposed for WebApplicationFactory in the HTTP tests.</summary>
public partial class Program;

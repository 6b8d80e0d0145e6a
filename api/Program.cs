using AttendanceGraph.Api.Dashboard;
using AttendanceGraph.Api.Health;
using AttendanceGraph.Api.Hosting;
using AttendanceGraph.Api.Http;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Api.Telemetry;

var builder = WebApplication.CreateBuilder(LaunchEnvironment.Options(args));
AttendanceGraph.Api.Data.NativeAllocator.Configure(builder.Configuration); // before anything opens a warehouse
builder.Services.AddAttendanceGraph(builder.Configuration);
try
{
    builder.Services.AddAttendanceGraphAuthentication(builder.Configuration, builder.Environment);
}
catch (AuthenticationNotConfiguredException refusal)
{
    // A setting to fix, not a fault: say so plainly, without a stack trace.
    Console.Error.WriteLine($"The API will not start: {refusal.Message}");
    return AuthenticationNotConfiguredException.ExitCode;
}
builder.Services.AddAttendanceGraphHealth();
builder.Services.AddAttendanceGraphTelemetry(builder.Configuration);
builder.Services.AddAttendanceDashboard(builder.Configuration);

var app = builder.Build();
if (!WarehouseStartup.Prepare(app)) return WarehouseStartup.DamagedExitCode;
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapGraphQLEndpoint("/graphql").RequireGraphQLCaller().RequireGraphQLRequestLimits();
app.MapAttendanceGraphHealth();
app.MapAttendanceGraphMetrics();
app.MapAttendanceDashboard();
StartupBanner.Print(app);
DevTokenBanner.Print(app);
app.Run();
return 0;

/// <summary>Exposed for WebApplicationFactory in the HTTP tests.</summary>
public partial class Program;

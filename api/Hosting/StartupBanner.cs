namespace AttendanceGraph.Api.Hosting;

public static class StartupBanner
{
    public const string ExampleQuery = """
        { localAuthority { name measures { overallAbsenceRate persistentAbsenceRate }
            byPhase { phase measures { overallAbsenceRate persistentAbsenceRate } national { overallAbsenceRate } } } }
        """;

    public static void Print(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                Console.WriteLine($"AttendanceGraph is serving {url}/graphql (open it in a browser for the GraphiQL IDE)");
                Console.WriteLine($"The attendance dashboard is at {url}/");
                Console.WriteLine($"Try: curl -s {url}/graphql -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' -d '{{\"query\":\"{ExampleQuery.ReplaceLineEndings(" ").Replace("\"", "\\\"")}\"}}'");
            }
        });
    }
}

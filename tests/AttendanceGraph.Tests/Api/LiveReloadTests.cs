using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Api;

/// <summary>The API keeps serving while the ETL publishes, and answers from the new batch without a restart.</summary>
public sealed class LiveReloadTests
{
    private const string Question = "{ localAuthority { measures(period: { academicYear: \"2025/26\", term: AUTUMN, halfTerm: 1 }) { unauthorisedAbsenceSessions } } }";

    [Fact]
    public async Task NewBatch_IsServedWithoutARestart()
    {
        using var dir = new TempDirectory();
        var paths = new WarehousePaths(dir.Sub("warehouse"));
        new BatchLoader(paths).Load([Write(dir.Sub("input"))], new LoadOptions(LaCode: 319));
        using var api = new ApiFactory(paths.Root);
        Assert.Equal(13, await Unauthorised(api));

        // A register amended after the fact: P1's last afternoon becomes unauthorised absence.
        var correction = dir.Sub("correction.csv");
        File.WriteAllText(correction, $"upn,school_urn,date,session,code\n{P1},{Alpha},2025-09-12,PM,O\n");
        new BatchLoader(paths).Load([correction], new LoadOptions(LaCode: 319));

        var deadline = DateTime.UtcNow.AddSeconds(5);
        long seen;
        while ((seen = await Unauthorised(api)) == 13 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(14, seen);
    }

    private static async Task<long> Unauthorised(ApiFactory api) =>
        (long)(await api.Data(Question))["localAuthority"]!["measures"]!["unauthorisedAbsenceSessions"]!;
}

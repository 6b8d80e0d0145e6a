using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;
using static AttendanceGraph.Tests.Totals.SessionTotalsFiles;

namespace AttendanceGraph.Tests.Totals;

/// <summary>
/// What the API says about weeks loaded as DfE session totals: figures as for registers, register-level ones (late,
/// codes) null with the reason, a period cutting such a week refused as BAD_PERIOD, and pupil-level patterns
/// refused rather than computed from no marks.
/// </summary>
public sealed class SessionTotalsApiTests
{
    private static readonly DateOnly Week = new(2025, 9, 15);

    [Fact]
    public async Task AWeekOfTotals_IsMeasured_WithRegisterDetailNullAndSaidWhy_AndAMidWeekPeriodIsABadPeriod()
    {
        using var w = new EtlWarehouse();
        // P1 10 possible, 2 unauthorised; P2 10 possible, all present: 20 possible, 2 absent (10%).
        w.Load(Schools(w), Write(w.NewFolder("dfe"), "vyed.csv", Row(P1, Alpha, Week, 8, 0, 0, 2), Row(P2, Alpha, Week, 10, 0, 0, 0)));
        using var factory = new ApiFactory(w.Paths.Root);

        var week = await factory.Data("""
            { localAuthority { measures(period: { weekStarting: "2025-09-15" }) {
                possibleSessions overallAbsenceRate persistentAbsenceEnrolments lateSessions lateRate registerDetailUnavailable codes { code } } } }
            """);
        var m = week["localAuthority"]!["measures"]!;
        Assert.Equal(20, (long)m["possibleSessions"]!);
        Assert.Equal(10.0, (double)m["overallAbsenceRate"]!);
        Assert.Null(m["lateSessions"]);
        Assert.Null(m["lateRate"]);
        Assert.Contains("weekly totals", (string)m["registerDetailUnavailable"]!);
        Assert.Empty(m["codes"]!.AsArray());

        var midWeek = await factory.Query("""{ localAuthority { measures(period: { from: "2025-09-16", to: "2025-09-19" }) { possibleSessions } } }""");
        var error = midWeek["errors"]![0]!;
        Assert.Equal("BAD_PERIOD", (string)error["extensions"]!["code"]!);
        Assert.Contains("cuts through the week 2025-09-15 to 2025-09-19", (string)error["message"]!);

        var pack = await factory.Query("""{ tsmPack(urn: 100001, period: { weekStarting: "2025-09-15" }) { pupils { nodes { upn absenceSpells } } } }""");
        Assert.True(pack["errors"] is not null, pack.ToJsonString());
        Assert.Equal("BAD_PERIOD", (string)pack["errors"]![0]!["extensions"]!["code"]!);
        Assert.Contains("need registers", (string)pack["errors"]![0]!["message"]!);
    }
}

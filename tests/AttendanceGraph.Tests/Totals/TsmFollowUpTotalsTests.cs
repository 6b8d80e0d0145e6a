using AttendanceGraph.Api.Security;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;
using static AttendanceGraph.Tests.Totals.SessionTotalsFiles;

namespace AttendanceGraph.Tests.Totals;

/// <summary>
/// A TSM pack's follow-up of agreed actions compares attendance before and since each meeting from the marks; its window
/// before a meeting can reach past the pack's own lookback, into weeks the school sent only as DfE totals.
/// </summary>
public sealed class TsmFollowUpTotalsTests
{
    [Fact]
    public async Task AFollowUpReachingAWeekOfTotals_IsRefused_WhileThePackWithoutItIsAnswered()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        // Beta sent the week of 13 January 2025 as DfE totals; its registers begin in September.
        w.Load(Write(w.NewFolder("dfe"), "vyed.csv", Row(P4, Beta, new DateOnly(2025, 1, 13), 10, 0, 0, 0)));
        using var api = new ApiFactory(w.Paths.Root);
        var beta = ApiFactory.Token(Roles.School, Beta);
        var recorded = await api.QueryAs(beta, $$"""
            mutation { recordTargetingSupportMeeting(input: { urn: {{Beta}}, date: "2025-05-01", attendees: ["EWO"],
              actions: [{ upn: "{{P4}}", agreedAction: "Attendance panel", leadPractitioner: "J. Smith", supportLevel: TARGETED }] }) { id } }
            """);
        Assert.True(recorded["errors"] is null, recorded.ToJsonString());
        const string period = """{ from: "2025-09-08", to: "2025-09-12" }""";

        // The pack's own lookback (from 10 February) has no totals: answered.
        var pack = await api.QueryAs(beta, $$"""{ tsmPack(urn: {{Beta}}, period: {{period}}) { pupils { nodes { upn } } } }""");
        Assert.True(pack["errors"] is null, pack.ToJsonString());
        // The follow-up compares 18 Dec - 30 Apr with 1 May - 12 Sep: the week of totals would count as no sessions.
        var followUp = await api.QueryAs(beta, $$"""
            { tsmPack(urn: {{Beta}}, period: {{period}}) { pupils { nodes { upn lastAgreedAction { attendanceRateBeforeMeeting } } } } }
            """);
        Assert.Equal("BAD_PERIOD", (string?)followUp["errors"]?[0]?["extensions"]?["code"]);
        Assert.Contains("lastAgreedAction", (string)followUp["errors"]![0]!["message"]!);
    }
}

using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AttendanceGraph.Api.Pupils;
using AttendanceGraph.Schema.Pupils;
using AttendanceGraph.Tests.Api;
using GraphQL;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Snapshooter.Xunit;
using static AttendanceGraph.Tests.Pupils.PupilPatternsAuthority;

namespace AttendanceGraph.Tests.Pupils;

/// <summary>The pupil-level API over <see cref="PupilPatternsAuthority"/>: TSM pack, virtual schools, one pupil's record.</summary>
[Collection(PupilPatternsCollection.Name)]
public sealed class PupilApiTests(PupilPatternsWarehouse warehouse)
{
    private const string Autumn1 = "{ academicYear: \"2025/26\", term: AUTUMN, halfTerm: 1 }";

    private const string PupilFields = """
        upn ncYear band attendanceRate overallAbsenceRate authorisedAbsenceRate unauthorisedAbsenceRate
        currentSchool { urn }
        mainAbsenceReasons { code sessions rate }
        cohortFlags { senSupport ehcPlan childInNeed childProtectionPlan lookedAfter previouslyLookedAfter freeSchoolMeals }
        previousAttendanceRate attendanceRateChange yearToDateAttendanceRate recentAttendanceRate falling
        absenceSpells longestAbsenceSpell
        weekdays { monday tuesday wednesday thursday friday mondayFlag fridayFlag }
        penaltyNotice { sessionsInLatestWindow maxSessionsInWindow maxWindowStartWeek maxWindowEndWeek thresholdMet }
        overdueUnexplainedAbsences { urn date session schoolDaysOpen }
        """;

    private static void MatchSnapshot(JsonNode data) =>
        Snapshot.Match(data.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

    [Fact]
    public async Task TsmPack_ListsSevereThenPersistentThenAtRisk_LowestAttendanceFirst()
    {
        var data = await warehouse.Api.Data($$"""
            { tsmPack(urn: {{Delta}}, period: {{Autumn1}}) {
                school { urn name } period { label start end } previousPeriod { label } asOf fallingMargin
                pupilsMeasured severeAbsence persistentAbsence atRisk
                pupils(first: 20) { totalCount nodes { {{PupilFields}} } } } }
            """);
        var pack = data["tsmPack"]!;
        Assert.Equal("2024/25 Summer", (string?)pack["previousPeriod"]!["label"]);
        Assert.Equal("2025-12-19", (string?)pack["asOf"]);
        Assert.Equal(9, (int)pack["pupilsMeasured"]!);
        Assert.Equal((1, 1, 4), ((int)pack["severeAbsence"]!, (int)pack["persistentAbsence"]!, (int)pack["atRisk"]!));
        // H and R tie on 93.4211% (by UPN), then U 94.7368%, then F (96.05% but falling).
        var expected = new[] { S, P }.Concat(new[] { H, R }.Order(StringComparer.Ordinal)).Concat([U, F]);
        Assert.Equal(expected, pack["pupils"]!["nodes"]!.AsArray().Select(n => (string)n!["upn"]!));
        MatchSnapshot(data);
    }

    [Fact]
    public async Task TsmPack_FallingMarginAndBandAreArguments()
    {
        var data = await warehouse.Api.Data($$"""
            { tsmPack(urn: {{Delta}}, period: {{Autumn1}}, fallingMargin: 4) { atRisk pupils(band: AT_RISK) { nodes { upn } } } }
            """);
        Assert.Equal(3, (int)data["tsmPack"]!["atRisk"]!);
        Assert.DoesNotContain(F, data["tsmPack"]!["pupils"]!["nodes"]!.AsArray().Select(n => (string)n!["upn"]!));
    }

    [Fact]
    public async Task TsmPack_ComparesWithAGivenPreviousPeriod()
    {
        var data = await warehouse.Api.Data($$"""
            { tsmPack(urn: {{Delta}}, period: { academicYear: "2025/26", term: AUTUMN, halfTerm: 2 },
                      previousPeriod: {{Autumn1}}) { previousPeriod { label } pupils(band: SEVERE_ABSENCE) { nodes { upn } } } }
            """);
        Assert.Equal("2025/26 Autumn 1", (string?)data["tsmPack"]!["previousPeriod"]!["label"]);
        var all = await warehouse.Api.Data($$"""
            { tsmPack(urn: {{Delta}}, period: { academicYear: "2025/26", term: AUTUMN, halfTerm: 2 }, previousPeriod: {{Autumn1}}) {
                pupils { nodes { upn attendanceRate previousAttendanceRate attendanceRateChange } } } }
            """);
        var h = all["tsmPack"]!["pupils"]!["nodes"]!.AsArray().Single(n => (string)n!["upn"]! == H)!;
        Assert.Equal(93.4211, (double)h["previousAttendanceRate"]!); // 71 of 76 in Autumn 1
    }

    [Fact]
    public async Task TsmPack_ForAWholeSchool_IsAFixedNumberOfQueries()
    {
        var before = warehouse.Api.QueriesRun;
        await warehouse.Api.Data($$"""{ tsmPack(urn: {{Delta}}, period: {{Autumn1}}) { pupils { nodes { upn penaltyNotice { thresholdMet } } } } }""");
        // pupils + enrolments, marks, school days, memberships: never one per pupil.
        Assert.InRange(warehouse.Api.QueriesRun - before, 1, 5);
    }

    [Fact]
    public async Task VirtualSchool_CountsAPupilWhoMovedSchoolOnce()
    {
        var data = await warehouse.Api.Data($$"""
            { virtualSchool { cohort label
                measures(period: {{Autumn1}}) { enrolments possibleSessions attendanceSessions overallAbsenceSessions overallAbsenceRate persistentAbsenceRate }
                trend(grain: HALF_TERM, period: { academicYear: "2025/26", term: AUTUMN }) { period { label } measures { enrolments possibleSessions overallAbsenceSessions } }
                cohortBreakdown(period: {{Autumn1}}) { cohort measures { enrolments possibleSessions overallAbsenceSessions } rest { enrolments possibleSessions overallAbsenceSessions } }
                pupils(period: {{Autumn1}}) { totalCount nodes { {{PupilFields}} } } }
              enrolmentBased: cohortComparison(cohort: LOOKED_AFTER, period: {{Autumn1}}) { measures { enrolments possibleSessions } } }
            """);
        var vs = data["virtualSchool"]!;
        var m = vs["measures"]!;
        Assert.Equal((1, 76, 3), ((int)m["enrolments"]!, (int)m["possibleSessions"]!, (int)m["overallAbsenceSessions"]!));
        Assert.Equal(3.9474, (double)m["overallAbsenceRate"]!);
        Assert.Equal(2, (int)data["enrolmentBased"]![0]!["measures"]!["enrolments"]!); // the same sessions as two enrolments
        var ehc = vs["cohortBreakdown"]!.AsArray().Single(c => (string?)c!["cohort"] == "EHC_PLAN")!;
        Assert.Equal((36, 1), ((int)ehc["measures"]!["possibleSessions"]!, (int)ehc["measures"]!["overallAbsenceSessions"]!)); // 1–24 Oct
        Assert.Equal((40, 2), ((int)ehc["rest"]!["possibleSessions"]!, (int)ehc["rest"]!["overallAbsenceSessions"]!));       // 3–30 Sep
        var pupil = Assert.Single(vs["pupils"]!["nodes"]!.AsArray())!;
        Assert.Equal(Epsilon, (int)pupil["currentSchool"]!["urn"]!);
        MatchSnapshot(data);
    }

    [Fact]
    public async Task VirtualSchool_ForChildrenWithASocialWorker_IsSeparate()
    {
        var data = await warehouse.Api.Data($$"""
            { sw: virtualSchool(cohort: SOCIAL_WORKER) { measures(period: {{Autumn1}}) { enrolments possibleSessions } pupils(period: {{Autumn1}}) { nodes { upn band } } }
              plac: virtualSchool(cohort: PREVIOUSLY_LOOKED_AFTER) { measures(period: {{Autumn1}}) { enrolments } pupils(period: {{Autumn1}}) { totalCount } } }
            """);
        Assert.Equal(R, (string?)data["sw"]!["pupils"]!["nodes"]![0]!["upn"]);
        Assert.Equal("AT_RISK", (string?)data["sw"]!["pupils"]!["nodes"]![0]!["band"]);
        Assert.Equal(1, (int)data["sw"]!["measures"]!["enrolments"]!);
        Assert.Equal(0, (int)data["plac"]!["measures"]!["enrolments"]!);
        Assert.Equal(0, (int)data["plac"]!["pupils"]!["totalCount"]!);
    }

    [Fact]
    public async Task Pupil_RecordShowsEnrolmentsCohortsWeeksAndMarks()
    {
        var data = await warehouse.Api.Data($$"""
            query($upn: String!) { pupil(upn: $upn) { upn dateOfBirth
                enrolments { urn school { name } entryDate leavingDate ncYear }
                cohortMemberships { cohort startDate endDate }
                weeklyAttendance(period: { from: "2025-09-29", to: "2025-10-12" }) { urn weekStart measures { possibleSessions overallAbsenceSessions } }
                marks(from: "2025-10-08", to: "2025-10-08") { totalCount nodes { urn date session code category } } } }
            """, new { upn = L });
        var p = data["pupil"]!;
        Assert.Equal([Delta, Epsilon], p["enrolments"]!.AsArray().Select(e => (int)e!["urn"]!));
        Assert.Equal(["LOOKED_AFTER", "EHC_PLAN"], p["cohortMemberships"]!.AsArray().Select(e => (string)e!["cohort"]!));
        // w/c 29 Sep: Mon–Tue at Delta (4 sessions), Wed–Fri at Epsilon (6); w/c 6 Oct at Epsilon with the O on Wednesday.
        Assert.Equal([("2025-09-29", Delta, 4), ("2025-09-29", Epsilon, 6), ("2025-10-06", Epsilon, 10)],
            p["weeklyAttendance"]!.AsArray().Select(w => ((string)w!["weekStart"]!, (int)w["urn"]!, (int)w["measures"]!["possibleSessions"]!)));
        Assert.Equal(["O", "\\"], p["marks"]!["nodes"]!.AsArray().Select(m => (string)m!["code"]!));
        MatchSnapshot(data);
    }

    [Fact]
    public async Task Pupil_UnknownUpnIsNull()
    {
        var data = await warehouse.Api.Data("""{ pupil(upn: "A999999999999") { upn } }""");
        Assert.Null(data["pupil"]);
    }

    [Fact]
    public async Task EveryPupilRead_GoesThroughTheGuard_WhichCanRefuseIt()
    {
        var guard = new RecordingGuard();
        using var factory = warehouse.Api.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPupilReadGuard>(guard)));
        // The derived factory's plain CreateClient sends no token: the endpoint answers 401 before any resolver runs.
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiFactory.LaLeadToken);
        async Task<JsonObject> Post(string query)
        {
            using var response = await client.PostAsJsonAsync("/graphql", new { query });
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }

        await Post($$"""{ tsmPack(urn: {{Delta}}, period: {{Autumn1}}) { atRisk } virtualSchool { pupils(period: {{Autumn1}}) { totalCount } } pupil(upn: "{{L}}") { enrolments { urn } marks(from: "2025-10-08", to: "2025-10-08") { totalCount } } }""");
        Assert.Equal([PupilReadKind.TsmPack, PupilReadKind.VirtualSchoolPupils, PupilReadKind.PupilIdentity, PupilReadKind.PupilEnrolments, PupilReadKind.PupilMarks],
            guard.Authorized.Select(r => r.Kind).Order());
        Assert.Equal(guard.Authorized.Count, guard.Audited.Count);
        Assert.Equal(9, guard.Audited.Single(a => a.Read.Kind == PupilReadKind.TsmPack).Pupils);

        guard.Refuse = true;
        var refused = await Post($$"""{ tsmPack(urn: {{Delta}}, period: {{Autumn1}}) { atRisk } }""");
        Assert.Equal("PUPIL_ACCESS_DENIED", (string?)refused["errors"]![0]!["extensions"]!["code"]);
        Assert.Null(refused["data"]!["tsmPack"]);
    }

    private sealed class RecordingGuard : IPupilReadGuard
    {
        public bool Refuse { get; set; }
        public List<PupilRead> Authorized { get; } = [];
        public List<(PupilRead Read, int Pupils)> Audited { get; } = [];

        public PupilViewer Authorize(IResolveFieldContext context, PupilRead read)
        {
            lock (Authorized) Authorized.Add(read);
            if (Refuse) throw new ExecutionError("not allowed") { Code = "PUPIL_ACCESS_DENIED" };
            return new PupilViewer.Everyone();
        }

        public void Audit(IResolveFieldContext context, PupilRead read, IReadOnlyCollection<string> upns)
        {
            lock (Audited) Audited.Add((read, upns.Count));
        }
    }
}

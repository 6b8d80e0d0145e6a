using System.Text;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Identifiers;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Pupils.KappaLambdaAuthority;

namespace AttendanceGraph.Tests.Pupils;

/// <summary>
/// "Newly persistently or severely absent since the previous load", hand-checked over two loads of school Kappa (2025/26
/// autumn starts Wed 3 Sep on the rule calendar). Load 1: Wed 3 – Fri 12 Sep, 8 days, 16 sessions. Load 2: Mon 15 – Fri 19
/// Sep, 5 days, so 26 sessions in the year to date. Everyone present except:
/// Y (already PA) absent Wed 3 and Thu 4 Sep all day: 4 of 16 = 25% after load 1, 4 of 26 = 15.38% after load 2 — PA both times.
/// X (crosses) present in load 1 (0%), absent Mon 15 all day and Tue 16 Sep AM: 3 of 26 = 11.54% — newly PA.
/// Z absent Mon 15 and Tue 16 Sep AM only: 2 of 26 = 7.69% — not PA.
/// </summary>
public sealed class NewlyAbsentTests : IDisposable
{
    private static readonly string Y = Upn.Create(319, 2201, 2019, 1), X = Upn.Create(319, 2201, 2019, 2), Z = Upn.Create(319, 2201, 2019, 3);
    private static readonly DateOnly LoadOneTo = new(2025, 9, 12), LoadTwoTo = new(2025, 9, 19);

    private readonly TempDirectory dir = new();
    private readonly WarehousePaths paths;

    public NewlyAbsentTests() => paths = new WarehousePaths(dir.Sub("warehouse"));

    private const string Query = """
        { newlyAbsent(urn: 210001) { asOf latestLoad { batch marksTo } previousLoad { batch marksTo }
            pupils { upn band overallAbsenceRate previousOverallAbsenceRate } } }
        """;

    [Fact]
    public async Task APupilWhoCrossesTenPercentInTheSecondLoadIsNew_OneAlreadyPersistentIsNot()
    {
        Load("one", SchoolDays(new DateOnly(2025, 9, 1), LoadOneTo), withDimensions: true);
        Load("two", SchoolDays(new DateOnly(2025, 9, 15), LoadTwoTo), withDimensions: false);
        using var api = new ApiFactory(paths.Root);

        var answer = (await api.Data(Query))["newlyAbsent"]!;
        Assert.Equal("2025-09-19", (string?)answer["asOf"]);
        Assert.Equal((2, "2025-09-19"), ((int)answer["latestLoad"]!["batch"]!, (string?)answer["latestLoad"]!["marksTo"]));
        Assert.Equal((1, "2025-09-12"), ((int)answer["previousLoad"]!["batch"]!, (string?)answer["previousLoad"]!["marksTo"]));
        var pupil = Assert.Single(answer["pupils"]!.AsArray())!;
        Assert.Equal(X, (string?)pupil["upn"]);
        Assert.Equal("PERSISTENT_ABSENCE", (string?)pupil["band"]);
        Assert.Equal(11.5385, Math.Round((double)pupil["overallAbsenceRate"]!, 4)); // 3 of 26
        Assert.Equal(0.0, (double)pupil["previousOverallAbsenceRate"]!); // 0 of 16

        // The school's own token sees the same list; another school's and the virtual school's are refused; the read is audited.
        var own = await api.QueryAs(ApiFactory.Token(Roles.School, Kappa), Query);
        Assert.Equal(X, (string?)own["data"]!["newlyAbsent"]!["pupils"]![0]!["upn"]);
        foreach (var token in new[] { ApiFactory.Token(Roles.School, Lambda), ApiFactory.Token(Roles.VirtualSchool), ApiFactory.Token(Roles.BiReader) })
            Assert.Equal("FORBIDDEN", (string?)(await api.QueryAs(token, Query))["errors"]![0]!["extensions"]!["code"]);
        // The needs-attention page lists the same pupil, as its CSV shows (the rows on screen).
        using var page = api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        page.DefaultRequestHeaders.Add("Cookie", $"{Dashboard.DashboardApp.DashboardSessionCookie}={ApiFactory.Token(Roles.School, Kappa)}");
        Assert.Contains("since the previous load", await page.GetStringAsync("/needs-attention"));
        var csv = (await page.GetStringAsync("/needs-attention?csv=newly-absent")).ReplaceLineEndings("\n").TrimEnd().Split('\n');
        Assert.Equal(2, csv.Length);
        Assert.Contains(X, csv[1]);

        var audit = await api.Data("{ accessAudit(first: 5) { nodes { role upns } } }");
        Assert.Contains(audit["accessAudit"]!["nodes"]!.AsArray(), e => (string?)e!["role"] == "school" && e["upns"]!.AsArray().Select(u => (string?)u).SequenceEqual([X]));
    }

    [Fact]
    public async Task OneLoadHasNothingToCompareWith()
    {
        Load("one", SchoolDays(new DateOnly(2025, 9, 1), LoadOneTo), withDimensions: true);
        using var api = new ApiFactory(paths.Root);
        var answer = (await api.Data(Query))["newlyAbsent"]!;
        Assert.Null(answer["previousLoad"]);
        Assert.Empty(answer["pupils"]!.AsArray());
    }

    private static List<DateOnly> SchoolDays(DateOnly from, DateOnly to) =>
        SchoolCalendar.For(new AcademicYear(2025)).SchoolDays.Where(d => d >= from && d <= to).ToList();

    private static string? AbsentCode(string upn, DateOnly d, string session)
    {
        var absent = upn == Y ? d.Day is 3 or 4
            : upn == X ? d.Day == 15 || d.Day == 16 && session == "AM"
            : upn == Z && d.Day is 15 or 16 && session == "AM";
        return absent ? "I" : null;
    }

    private void Load(string name, IReadOnlyList<DateOnly> days, bool withDimensions)
    {
        var input = Directory.CreateDirectory(dir.Sub(name)).FullName;
        if (withDimensions)
        {
            KappaLambdaAuthority.WriteGias(input);
            File.WriteAllText(Path.Combine(input, "pupils.csv"), "upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year\n"
                + string.Concat(new[] { Y, X, Z }.Select(u => $"{u},{Kappa},2020-09-01,,2015-03-01,F,6\n")));
        }
        var marks = new StringBuilder("upn,school_urn,date,session,code\n");
        foreach (var upn in new[] { Y, X, Z })
            foreach (var d in days)
                foreach (var session in new[] { "AM", "PM" })
                    marks.Append($"{upn},{Kappa},{d:yyyy-MM-dd},{session},{AbsentCode(upn, d, session) ?? (session == "AM" ? "/" : "\\")}\n");
        File.WriteAllText(Path.Combine(input, "marks.csv"), marks.ToString());
        new BatchLoader(paths).Load([input], new LoadOptions(LaCode: 319));
    }

    public void Dispose() => dir.Dispose();
}

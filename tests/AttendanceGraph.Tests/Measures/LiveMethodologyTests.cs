using System.Text;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Identifiers;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Measures;

/// <summary>
/// DfE's live method against the official one, on one school worked out by hand (Autumn 1 of 2025/26, marks Wed 3 –
/// Fri 12 Sep; every pupil in year 3, compulsory school age):
/// Q10 enrolled from Mon 8 Sep: 10 possible, 5 O (50%: PA and SA);
/// Q11 enrolled from Fri 5 Sep: 5 Sep AM Y2 (not possible), then 11 possible with 2 O (18.2%: PA);
/// Q16 all 16 sessions present.
/// Official: 3 enrolments, 37 possible, 7 absent, PA 2 (Q10, Q11), SA 1 (Q10).
/// Live leaves out Q10 (10 possible, not more than 10) from enrolments, PA and SA: 2 enrolments, PA 1 (Q11), SA 0;
/// the sessions are the same 37 possible and 7 absent (the domain file restricts only the PA measure).
/// </summary>
public sealed class LiveMethodologyTests : IDisposable
{
    private const int School = 100001;
    private static readonly string Q10 = Upn.Create(319, 2001, 2018, 10), Q11 = Upn.Create(319, 2001, 2018, 11), Q16 = Upn.Create(319, 2001, 2018, 16);
    private static readonly Period Autumn1 = Period.ForHalfTerm(new AcademicYear(2025), Term.Autumn, 1);

    private readonly TempDirectory dir = new();
    private readonly WarehousePaths paths;

    public LiveMethodologyTests()
    {
        var input = Directory.CreateDirectory(dir.Sub("input")).FullName;
        File.WriteAllText(Path.Combine(input, "edubasealldata.csv"),
            "URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),OpenDate,CloseDate,StatutoryLowAge,StatutoryHighAge,Postcode\n" +
            $"{School},319,Sutton,2001,Alpha Primary School,Community school,Open,Primary,01-09-1970,,4,11,SM1 1AA\n");
        File.WriteAllText(Path.Combine(input, "pupils.csv"),
            "upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year\n" +
            $"{Q10},{School},2025-09-08,,2018-03-01,F,3\n{Q11},{School},2025-09-05,,2018-04-01,M,3\n{Q16},{School},2022-09-01,,2018-05-01,F,3\n");
        var marks = new StringBuilder("upn,school_urn,date,session,code\n");
        var days = new[] { 3, 4, 5, 8, 9, 10, 11, 12 }.Select(d => new DateOnly(2025, 9, d)).ToArray();
        void Mark(string upn, DateOnly d, string session, string code) => marks.Append($"{upn},{School},{d:yyyy-MM-dd},{session},{code}\n");
        foreach (var d in days)
        {
            Mark(Q16, d, "AM", "/");
            Mark(Q16, d, "PM", "\\");
            if (d.Day >= 8)
            {
                Mark(Q10, d, "AM", "O"); // 5 of Q10's 10 sessions absent
                Mark(Q10, d, "PM", "\\");
            }
            if (d.Day >= 5)
            {
                Mark(Q11, d, "AM", d.Day == 5 ? "Y2" : d.Day is 8 or 9 ? "O" : "/");
                Mark(Q11, d, "PM", "\\");
            }
        }
        File.WriteAllText(Path.Combine(input, "marks.csv"), marks.ToString());
        paths = new WarehousePaths(dir.Sub("warehouse"));
        new BatchLoader(paths).Load([input], new LoadOptions(LaCode: 319));
    }

    public void Dispose() => dir.Dispose();

    private static MeasureValues Values(IReadOnlyList<MeasureRow> rows) => Assert.Single(rows).Values with { CodeSessions = null };

    [Fact]
    public void TenPossibleSessions_AreLeftOutUnderLive_AndCountedUnderOfficial()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(paths)!;
        var official = Values(MeasureQuery.Run(c, new MeasureRequest(Autumn1)));
        var live = Values(MeasureQuery.Run(c, new MeasureRequest(Autumn1) { Methodology = Methodology.Live }));
        Assert.Equal(new MeasureValues(3, 37, 30, 0, 7, 7, 0, 2, 1), official);
        Assert.Equal(new MeasureValues(2, 37, 30, 0, 7, 7, 0, 1, 0), live);
        Assert.Equal(66.6667, official.PersistentAbsenceRate);
        Assert.Equal(50.0, live.PersistentAbsenceRate); // Q11 (11 possible) is in both numerator and denominator
        Assert.Equal(0.0, live.SevereAbsenceRate);
        Assert.Equal(official.OverallAbsenceRate, live.OverallAbsenceRate); // 7 / 37 both ways
    }

    [Fact]
    public void Live_IsAnsweredFromTheAggregates_WithTheFiguresTheMarksGive()
    {
        var live = new MeasureRequest(Autumn1) { Methodology = Methodology.Live, GroupBy = MeasureGrouping.School, CellKeys = true };
        // The rollup holds official counts only, so a live request is not answered there; an official one is.
        Assert.Null(RollupMeasureQuery.Scope(live));
        Assert.NotNull(RollupMeasureQuery.Scope(live with { Methodology = Methodology.Official }));
        using var c = CurrentSnapshot.TryOpenReadOnly(paths)!;
        Assert.Equal(MeasureQuery.Run(c, live, fromRollup: false), MeasureQuery.Run(c, live));
        // A range that does not align (Thu 4 – Fri 12 Sep) reads its edge days from the marks: Q16 has 14 possible there,
        // Q10 and Q11 are unchanged. The split path and the marks alone agree, and Q10 is still left out.
        var range = live with { Period = Period.Range(new DateOnly(2025, 9, 4), new DateOnly(2025, 9, 12)), GroupBy = MeasureGrouping.None };
        var split = MeasureQuery.Run(c, range);
        Assert.Equal(MeasureQuery.Run(c, range, wholeFragmentsFromAggregates: false), split);
        Assert.Equal(new MeasureValues(2, 35, 28, 0, 7, 7, 0, 1, 0), Values(split));
        // The cell keys count the same units as the counts: Q11 and Q16 for enrolments, Q11 alone for PA.
        var keys = c.Rows($"SELECT p.upn, k.record_key FROM pupils p JOIN {RecordKeys.Table} k USING (pupil_id)")
            .ToDictionary(r => r.GetString(0), r => (int)r.GetByte(1));
        var row = Assert.Single(MeasureQuery.Run(c, live));
        Assert.Equal((keys[Q11] + keys[Q16]) % 256, row.Keys!.Enrolments);
        Assert.Equal(keys[Q11] % 256, row.Keys.PersistentAbsence);
        Assert.Equal(0, row.Keys.SevereAbsence);
    }

    [Fact]
    public void Methodology_IsPartOfTheRequestsCacheKey() =>
        Assert.NotEqual(new MeasureRequest(Autumn1).ShapeKey, new MeasureRequest(Autumn1) { Methodology = Methodology.Live }.ShapeKey);
}

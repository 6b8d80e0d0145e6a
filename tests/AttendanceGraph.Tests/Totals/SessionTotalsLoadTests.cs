using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Identifiers;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;
using static AttendanceGraph.Tests.Totals.SessionTotalsFiles;

namespace AttendanceGraph.Tests.Totals;

/// <summary>
/// Loading DfE pupil-level files: recognised by header, every row checked with file, line and column, all or
/// nothing, later files replacing earlier ones, registers winning over totals, and periods that would cut a week
/// of totals refused. Figures worked by hand in each test.
/// </summary>
public sealed class SessionTotalsLoadTests
{
    private static readonly DateOnly Week3 = new(2025, 9, 15), Week4 = new(2025, 9, 22);

    [Fact]
    public void ReorderedRenamedCaseAndExtraColumns_WithTheWeekGivenOnTheCommandLine_Load()
    {
        using var w = new EtlWarehouse();
        var folder = w.NewFolder("dfe");
        // DfE's columns in another order, other capitals, extra ones, and no period columns.
        File.WriteAllText(Path.Combine(folder, "vyed-week.csv"),
            "Unauthorised_Absent_Sessions,upn,NEW_DFE_COLUMN,Possible_Sessions,present_sessions,dob,SEX,Unique_Reference_Number," +
            "approved_educational_activity_sessions,Authorised_Absent_Sessions,Year_Group,Admission_Date\n" +
            $"2,{P1},x,10,6,2018-03-01,Female,{Alpha},0,2,3,01/09/2022\n" +
            $"0,{P4},y,10,10,2018-02-01,male,{Beta},0,0,3,2022-09-01\n");
        var result = w.Load(new LoadOptions(LaCode: 319) { TotalsSpan = (Week3, Week3.AddDays(4)) }, Schools(w), folder);
        Assert.False(result.Report.HasErrors, result.Report.ToSummary());
        using var c = w.Open();
        // P1: 10 possible, 4 absent (40%: persistent, not severe); P4: 10 possible, none absent.
        var la = MeasureQuery.Run(c, new MeasureRequest(Period.ForWeek(Week3))).Single().Values;
        Assert.Equal((2L, 20L, 16L, 2L, 2L, 4L, 1L, 0L),
            (la.Enrolments, la.PossibleSessions, la.AttendanceSessions, la.AuthorisedAbsenceSessions, la.UnauthorisedAbsenceSessions,
             la.OverallAbsenceSessions, la.PersistentAbsenceEnrolments, la.SevereAbsenceEnrolments));
        Assert.Equal(["F", "M"], EtlWarehouse.Rows(c, "SELECT sex FROM pupils ORDER BY sex"));
        AggregatesMatchTheirDefinition(c);
    }

    [Fact]
    public void PupilsListedInAnotherOrderEachWeek_GetTheirOwnRows()
    {
        // The reader guesses each row's pupil from the order of the week before (weekly files list pupils in much the same
        // order); a pupil joining, leaving or moving up the list must still get their own rows.
        using var w = new EtlWarehouse();
        var folder = w.NewFolder("dfe");
        Write(folder, "week3.csv", Row(P1, Alpha, Week3, 10, 0, 0, 0), Row(P2, Alpha, Week3, 9, 0, 0, 1), Row(P4, Beta, Week3, 8, 0, 2, 0));
        Write(folder, "week4.csv", Row(P4, Beta, Week4, 7, 0, 3, 0), Row(P5, Beta, Week4, 6, 0, 0, 4), Row(P1, Alpha, Week4, 5, 0, 5, 0),
            Row(P2, Alpha, Week4, 10, 0, 0, 0));
        var result = w.Load(Schools(w), folder);
        Assert.False(result.Report.HasErrors, result.Report.ToSummary());
        using var c = w.Open();
        string[] expected = [$"{P1} 2025-09-15 10 0 0", $"{P1} 2025-09-22 5 5 0", $"{P2} 2025-09-15 9 0 1", $"{P2} 2025-09-22 10 0 0",
            $"{P4} 2025-09-15 8 2 0", $"{P4} 2025-09-22 7 3 0", $"{P5} 2025-09-22 6 0 4"];
        Assert.Equal(expected.Order(StringComparer.Ordinal),
            EtlWarehouse.Rows(c, """
                SELECT p.upn || ' ' || strftime(t.span_start, '%Y-%m-%d') || ' ' || t.present || ' ' || t.authorised || ' ' || t.unauthorised
                FROM session_totals t JOIN pupils p USING (pupil_id) ORDER BY 1
                """));
        AggregatesMatchTheirDefinition(c);
    }

    [Fact]
    public void AHeaderMissingARequiredColumn_IsRejectedNamingIt()
    {
        using var w = new EtlWarehouse();
        var path = Write(w.NewFolder("dfe"), "vyed.csv", Row(P1, Alpha, Week3, 10, 0, 0, 0));
        File.WriteAllText(path, File.ReadAllText(path).Replace("possible_sessions", "possible"));
        var e = Assert.Throws<BatchRejectedException>(() => w.Load(Schools(w), path));
        var r = Assert.Single(e.Report.Examples(RejectionReason.MissingColumn));
        Assert.Equal((1L, "possible_sessions"), (r.Line, r.Column));
        Assert.Contains("possible_sessions", r.Detail);
        Assert.Null(w.Current);
    }

    [Fact]
    public void EveryBadRow_IsNamedByFileLineAndColumn_AndNothingIsLoaded()
    {
        using var w = new EtlWarehouse();
        w.Load(Schools(w));
        var before = w.Dump();
        var valid = Upn.Create(319, 2001, 2018, 9);
        var badUpn = (valid[0] == 'A' ? 'B' : 'A') + valid[1..];
        var path = Write(w.NewFolder("dfe"), "vyed.csv",
            Row(P1, Alpha, Week3, 10, 0, 0, 0),                                                    // line 2: fine
            Row(P2, Alpha, Week3, 8, 0, 1, 0).Replace(",9,8,0,1,0,", ",10,8,0,1,0,"),              // 3: 10 possible, 9 counted
            Row(badUpn, Alpha, Week3, 10, 0, 0, 0),                                                  // 4: wrong check letter
            Row(P4, Beta, Week3, 10, 0, 0, 0, dob: "2018-02-31"),                                    // 5: no such date
            Row(P5, 999999, Week3, 10, 0, 0, 0),                                                     // 6: unknown school
            Row(P7, Gamma, Week3.AddDays(1), 8, 0, 0, 0),                                            // 7: starts on a Tuesday
            Row(P8, Gamma, Week3, 11, 0, 0, 0));                                                     // 8: 11 sessions in 5 days
        var e = Assert.Throws<BatchRejectedException>(() => w.Load(path));
        var rejections = e.Report.AllExamples.Select(r => (Path.GetFileName(r.File), r.Line, r.Column, r.Reason)).OrderBy(r => r.Line).ToList();
        var expected = new List<(string, long, string, RejectionReason)>
        {
            ("vyed.csv", 3, "possible_sessions", RejectionReason.TotalsDoNotAddUp),
            ("vyed.csv", 4, "UPN", RejectionReason.BadUpn),
            ("vyed.csv", 5, "DOB", RejectionReason.BadDate),
            ("vyed.csv", 6, "unique_reference_number", RejectionReason.UnknownSchool),
            ("vyed.csv", 7, "period_start", RejectionReason.BadSpan),
            ("vyed.csv", 8, "possible_sessions", RejectionReason.BadNumber),
        };
        Assert.Equal(expected, rejections);
        Assert.Contains("10 is not present 8", e.Report.Examples(RejectionReason.TotalsDoNotAddUp).Single().Detail);
        Assert.Equal(before, w.Dump());
    }

    [Fact]
    public void AFileWithoutPeriodColumns_NeedsTheWeekOnTheCommandLine()
    {
        using var w = new EtlWarehouse();
        var folder = w.NewFolder("dfe");
        File.WriteAllText(Path.Combine(folder, "vyed.csv"),
            "UPN,DOB,sex,unique_reference_number,year_group,admission_date,possible_sessions,present_sessions," +
            "approved_educational_activity_sessions,authorised_absent_sessions,unauthorised_absent_sessions\n" +
            $"{P1},2018-03-01,female,{Alpha},3,2022-09-01,10,10,0,0,0\n");
        var e = Assert.Throws<BatchRejectedException>(() => w.Load(Schools(w), folder));
        var r = Assert.Single(e.Report.AllExamples);
        Assert.Equal((2L, "period_start", RejectionReason.MissingValue), (r.Line, r.Column, r.Reason));
        Assert.Contains("--period-start", r.Detail);
    }

    [Fact]
    public void ALaterFileForTheSameWeek_ReplacesTheEarlier_AndTheSameFileTwiceChangesNothing()
    {
        using var w = new EtlWarehouse();
        w.Load(Schools(w));
        var first = Write(w.NewFolder("monday"), "vyed.csv",
            Row(P1, Alpha, Week3, 6, 0, 0, 4), Row(P2, Alpha, Week3, 10, 0, 0, 0), Row(P4, Beta, Week4, 10, 0, 0, 0));
        w.Load(first);
        // The correction: P1's 4 unauthorised were authorised, P2 was listed at Alpha by mistake.
        var correction = Write(w.NewFolder("tuesday"), "vyed.csv", Row(P1, Alpha, Week3, 6, 0, 4, 0));
        w.Load(correction);
        using (var c = w.Open())
        {
            Assert.Equal([$"{Alpha}|2025-09-15|10|6|4|0", $"{Beta}|2025-09-22|10|10|0|0"],
                EtlWarehouse.Rows(c, "SELECT urn, strftime(span_start, '%Y-%m-%d'), possible, present, authorised, unauthorised FROM session_totals ORDER BY ALL"));
            var week = MeasureQuery.Run(c, new MeasureRequest(Period.ForWeek(Week3))).Single().Values;
            Assert.Equal((1L, 10L, 4L, 0L), (week.Enrolments, week.PossibleSessions, week.AuthorisedAbsenceSessions, week.UnauthorisedAbsenceSessions));
            AggregatesMatchTheirDefinition(c);
        }
        static List<string> Content(EtlWarehouse w)
        {
            using var c = w.Open();
            return [.. EtlWarehouse.Rows(c, "SELECT * EXCLUDE (batch_id) FROM session_totals ORDER BY ALL"),
                    .. EtlWarehouse.Rows(c, "SELECT * FROM agg_enrolment_week ORDER BY ALL"),
                    .. EtlWarehouse.Rows(c, "SELECT * FROM agg_cohort_enrolment_week ORDER BY ALL")];
        }
        var after = Content(w);
        Assert.True(w.Load(correction).AlreadyLoaded);
        w.Load(new LoadOptions(LaCode: 319, Force: true), correction);
        Assert.Equal(after, Content(w));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RegistersAndTotalsForTheSameWeek_TheRegistersWin_WhicheverIsLoadedFirst(bool totalsFirst)
    {
        using var w = new EtlWarehouse();
        // P1 at Alpha: totals say 4 unauthorised in the week of 8 September, when the registers have P1 present
        // every session; the week of 15 September has totals only.
        var totals = Write(w.NewFolder("dfe"), "vyed.csv", Row(P1, Alpha, Days[3], 6, 0, 0, 4), Row(P1, Alpha, Week3, 8, 0, 2, 0));
        if (totalsFirst) { w.Load(Schools(w)); w.Load(totals); w.Load(w.HandChecked); }
        else { w.Load(w.HandChecked); w.Load(totals); }
        using var c = w.Open();
        var p1 = new MeasureRequest(Period.Range(Days[3], Week3.AddDays(6))) { Urns = [Alpha], Unit = MeasureUnit.Pupil, GroupBy = MeasureGrouping.School };
        var rows = MeasureQuery.Run(c, p1 with { Grain = TimeGrain.Week });
        // Week of 8 Sep at Alpha from the registers: P1 10 present, P2 10 present, P3 10 (reception, not compulsory: left out).
        var week2 = rows.Single(r => r.BucketStart == Days[3]).Values;
        Assert.Equal((2L, 20L, 0L), (week2.Enrolments, week2.PossibleSessions, week2.UnauthorisedAbsenceSessions));
        var week3 = rows.Single(r => r.BucketStart == Week3).Values;
        Assert.Equal((1L, 10L, 2L), (week3.Enrolments, week3.PossibleSessions, week3.AuthorisedAbsenceSessions));
        AggregatesMatchTheirDefinition(c);
    }

    [Fact]
    public void APeriodCuttingThroughAWeekOfTotals_IsRefused_AndCountsByCodeAreUnknown()
    {
        using var w = new EtlWarehouse();
        var straddling = new DateOnly(2025, 9, 29); // Monday 29 September to Friday 3 October
        w.Load(Schools(w), Write(w.NewFolder("dfe"), "vyed.csv", Row(P1, Alpha, Week3, 10, 0, 0, 0), Row(P1, Alpha, straddling, 9, 0, 1, 0)));
        using var c = w.Open();
        var midWeek = Assert.Throws<SessionTotalsPeriodException>(() =>
            MeasureQuery.Run(c, new MeasureRequest(Period.Range(Week3.AddDays(1), Week3.AddDays(4)))));
        Assert.Contains("cuts through the week 2025-09-15 to 2025-09-19", midWeek.Message);
        Assert.Throws<SessionTotalsPeriodException>(() => MeasureQuery.Run(c, new MeasureRequest(Period.ForMonth(2025, 10))));
        Assert.Throws<SessionTotalsPeriodException>(() =>
            MeasureQuery.Run(c, new MeasureRequest(Period.Year(new AcademicYear(2025))) { Grain = TimeGrain.Month }));
        // Another school's figures are not refused for Alpha's weeks.
        Assert.Equal(0L, MeasureQuery.Run(c, new MeasureRequest(Period.ForMonth(2025, 10)) { Urns = [Beta] }).Single().Values.Enrolments);
        var year = MeasureQuery.Run(c, new MeasureRequest(Period.Year(new AcademicYear(2025))) { IncludeCodes = true }).Single().Values;
        Assert.Equal((20L, 1L), (year.PossibleSessions, year.AuthorisedAbsenceSessions));
        Assert.Null(year.CodeSessions);
        Assert.Null(year.CodeRate("I"));
        // Whole weeks, Monday to Friday, are answered (an unaligned period whose edge holds the whole week).
        Assert.Equal(10L, MeasureQuery.Run(c, new MeasureRequest(Period.Range(Week3, Week3.AddDays(4)))).Single().Values.PossibleSessions);
    }

    /// <summary>The aggregate rows are exactly what AggregateSql defines from the marks and totals (no cohorts here).</summary>
    private static void AggregatesMatchTheirDefinition(DuckDB.NET.Data.DuckDBConnection c)
    {
        Assert.Equal((0L, 0L), EtlWarehouse.DifferenceFromFullRebuild(c, "agg_enrolment_week"));
        Assert.Equal((0L, 0L), EtlWarehouse.DifferenceFromFullRebuild(c, "agg_cohort_enrolment_week"));
    }
}

using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Pupils;
using static AttendanceGraph.Tests.Pupils.PupilPatternsAuthority;

namespace AttendanceGraph.Tests.Pupils;

/// <summary>
/// Per-pupil rows and patterns over <see cref="PupilPatternsAuthority"/>, every number worked out by hand from the
/// schedule in its summary (Autumn 1 2025/26 = 76 sessions; the previous term is 2024/25 summer).
/// </summary>
[Collection(PupilPatternsCollection.Name)]
public sealed class PupilPatternsTests(PupilPatternsWarehouse warehouse)
{
    private static readonly AcademicYear Y2025 = new(2025);
    private static readonly Period Autumn1 = Period.ForHalfTerm(Y2025, Term.Autumn, 1);

    private Dictionary<string, PupilAttendanceRow> Rows(PupilScope scope, Period period, DateOnly? asOf = null, double margin = PupilPatternOptions.DefaultFallingMargin)
    {
        var at = asOf ?? Last;
        var options = new PupilPatternOptions(period, at, PupilPatternOptions.PreviousTerm(period.End < at ? period.End : at), margin);
        using var c = warehouse.Open();
        return PupilAttendanceQuery.Run(c, scope, options, new PupilViewer.Everyone()).ToDictionary(r => r.Upn);
    }

    private PupilAttendanceRow Delta1(string upn, DateOnly? asOf = null, double margin = PupilPatternOptions.DefaultFallingMargin) =>
        Rows(new PupilScope.School(Delta), Autumn1, asOf, margin)[upn];

    [Fact]
    public void SchoolScope_ListsEveryPupilWithAMarkThereInThePeriod()
    {
        Assert.Equal(new[] { A, S, P, R, F, U, H, N, L }.Order(StringComparer.Ordinal), Rows(new PupilScope.School(Delta), Autumn1).Keys);
        Assert.Equal([L], Rows(new PupilScope.School(Epsilon), Autumn1).Keys);
    }

    [Fact]
    public void MissingExactlyHalf_IsSevereAbsence_AndTheChangeIsAgainstTheSummerTerm()
    {
        var s = Delta1(S);
        Assert.Equal(TsmBand.SevereAbsence, s.Patterns.Band);
        Assert.Equal((76L, 38L, 38L, 0L), (s.Patterns.Measures.PossibleSessions, s.Patterns.Measures.AuthorisedAbsenceSessions,
            s.Patterns.Measures.AttendanceSessions, s.Patterns.Measures.UnauthorisedAbsenceSessions));
        Assert.Equal(50.0, s.Patterns.Measures.OverallAbsenceRate);
        Assert.Equal(100.0, s.Patterns.PreviousMeasures.AttendanceRate); // present all through 2024/25 summer 2
        Assert.Equal(-50.0, s.Patterns.AttendanceRateChange);
        Assert.Equal((38, 1), (s.Patterns.AbsenceSpells, s.Patterns.LongestAbsenceSpell)); // every morning, broken by every afternoon
        Assert.True(s.InCohort(MembershipCohort.Fsm));
        Assert.Equal("I", Assert.Single(s.Patterns.TopAbsenceCodes(3)).Code.Code);
    }

    [Fact]
    public void TenPointFivePercentAbsent_IsPersistentAbsence_WithAFridayPattern()
    {
        var p = Delta1(P);
        Assert.Equal(TsmBand.PersistentAbsence, p.Patterns.Band);
        Assert.Equal(8, p.Patterns.Measures.OverallAbsenceSessions);
        Assert.Equal(10.5263, p.Patterns.Measures.OverallAbsenceRate);
        // Fri 12 PM + Mon 15 (3, across the weekend); Wed 1 Oct (2); Thu 23 PM + Fri 24 (3): the period ends at half term.
        Assert.Equal((3, 3), (p.Patterns.AbsenceSpells, p.Patterns.LongestAbsenceSpell));
        Assert.Equal(new WeekdayProfile(2, 0, 2, 1, 3), p.Patterns.Weekdays);
        Assert.True(p.Patterns.Weekdays.FridayFlag);
        Assert.False(p.Patterns.Weekdays.MondayFlag); // 2 on Mondays is not more than 2 on Wednesdays
        Assert.Equal(["C", "I", "M"], p.Patterns.TopAbsenceCodes(3).Select(x => x.Code.Code)); // 3, 3, 2; ties in catalogue order
        Assert.False(p.InCohort(MembershipCohort.SenSupport)); // SEN support ended 31 Oct, before the period's end (2 Nov)
    }

    [Fact]
    public void AbsenceSpell_RunsAcrossAWeekendAndTheHalfTermHoliday()
    {
        var p = Rows(new PupilScope.School(Delta), Period.ForTerm(Y2025, Term.Autumn))[P];
        // Thu 23 Oct PM, Fri 24 Oct AM/PM, [half term], Mon 3 Nov AM: one spell of 4 sessions.
        Assert.Equal((3, 4), (p.Patterns.AbsenceSpells, p.Patterns.LongestAbsenceSpell));
    }

    [Fact]
    public void AttendanceFrom90ToUnder95_IsAtRisk_But95IsNot()
    {
        var rows = Rows(new PupilScope.School(Delta), Autumn1);
        Assert.Equal(TsmBand.AtRisk, rows[R].Patterns.Band);
        Assert.Equal(93.4211, rows[R].Patterns.Measures.AttendanceRate); // 71 of 76
        Assert.Equal((5, 1), (rows[R].Patterns.AbsenceSpells, rows[R].Patterns.LongestAbsenceSpell));
        Assert.True(rows[R].Patterns.Weekdays is { Tuesday: 5, MondayFlag: false, FridayFlag: false });
        Assert.Equal(95.0, rows[L].Patterns.Measures.AttendanceRate); // 38 of 40 at Delta (1–30 Sep)
        Assert.Equal(TsmBand.NotInPack, rows[L].Patterns.Band);
        Assert.Equal(TsmBand.NotInPack, rows[A].Patterns.Band);
    }

    [Fact]
    public void FallingAttendance_IsAtRisk_UntilTheMarginExceedsTheDrop()
    {
        var f = Delta1(F);
        Assert.Equal(96.0526, f.Patterns.YearToDateAttendanceRate); // 73 of 76
        Assert.Equal(92.5, f.Patterns.RecentAttendanceRate);          // 37 of 40 in the weeks of 29 Sep – 20 Oct
        Assert.True(f.Patterns.Falling);
        Assert.Equal(TsmBand.AtRisk, f.Patterns.Band);

        var wider = Delta1(F, margin: 4);
        Assert.False(wider.Patterns.Falling);
        Assert.Equal(TsmBand.NotInPack, wider.Patterns.Band);
    }

    [Fact]
    public void PenaltyNoticeWindow_CountsSchoolWeeksAcrossTheSummerAndTwoAcademicYears()
    {
        var u = Delta1(U).Patterns.PenaltyNotice;
        // Window ending w/c 8 Sep: the school weeks 2 Jun – 15 Jul and 1 – 12 Sep hold 6 + 4. Ten calendar weeks would hold 4.
        Assert.Equal(10, u.MaxSessionsInWindow);
        Assert.True(u.ThresholdMet);
        Assert.Equal((new DateOnly(2025, 6, 2), new DateOnly(2025, 9, 8)), (u.MaxWindowStartWeek, u.MaxWindowEndWeek));
        Assert.Equal(4, u.SessionsInLatestWindow); // window of w/c 7 Jul – 20 Oct: the June/July sessions have dropped out
    }

    [Fact]
    public void PenaltyNoticeWindow_SkipsTheHalfTermWeek()
    {
        var h = Rows(new PupilScope.School(Delta), Period.ForHalfTerm(Y2025, Term.Autumn, 2))[H].Patterns.PenaltyNotice;
        // School weeks 8 Sep … 20 Oct, 3 Nov … 17 Nov are ten weeks (27 Oct is half term): 5 + 5.
        Assert.Equal(10, h.MaxSessionsInWindow);
        Assert.True(h.ThresholdMet);
        Assert.Equal((new DateOnly(2025, 9, 8), new DateOnly(2025, 11, 17)), (h.MaxWindowStartWeek, h.MaxWindowEndWeek));
        Assert.Equal(5, h.SessionsInLatestWindow);

        var autumn1 = Delta1(H).Patterns.PenaltyNotice;
        Assert.Equal(5, autumn1.MaxSessionsInWindow);
        Assert.False(autumn1.ThresholdMet);
    }

    [Fact]
    public void UnexplainedNCode_IsOverdueAfterTwoSchoolDays_NotCalendarDays()
    {
        // Thu 23 Oct AM: by Mon 3 Nov only Fri 24 Oct and Mon 3 Nov were school days (11 calendar days).
        var monday = Delta1(N, asOf: new DateOnly(2025, 11, 3)).Patterns.OverdueUnexplained;
        Assert.Equal([new DateOnly(2025, 9, 15)], monday.Select(o => o.Date));
        var tuesday = Delta1(N, asOf: new DateOnly(2025, 11, 4)).Patterns.OverdueUnexplained;
        Assert.Equal([new DateOnly(2025, 9, 15), new DateOnly(2025, 10, 23)], tuesday.Select(o => o.Date));
        Assert.Equal(3, tuesday[1].SchoolDaysOpen);
        Assert.Equal((byte)1, tuesday[0].Session);
    }

    [Fact]
    public void VirtualSchoolScope_FollowsThePupilAcrossSchools()
    {
        var l = Assert.Single(Rows(new PupilScope.Cohort(ReportingCohort.LookedAfter.Key), Autumn1)).Value;
        Assert.Equal(L, l.Upn);
        Assert.Equal((76L, 3L), (l.Patterns.Measures.PossibleSessions, l.Patterns.Measures.OverallAbsenceSessions));
        Assert.Equal(Epsilon, l.CurrentEnrolment!.Urn);
        Assert.True(l.InCohort(MembershipCohort.LookedAfter) && l.InCohort(MembershipCohort.EhcPlan));
        Assert.Equal([R], Rows(new PupilScope.Cohort(ReportingCohort.SocialWorker.Key), Autumn1).Keys);
        Assert.Empty(Rows(new PupilScope.Cohort(ReportingCohort.PreviouslyLookedAfter.Key), Autumn1));
    }

    [Fact]
    public void ASnapshotFromBeforeTheOpenDaysTable_GivesTheSamePatterns_FromItsMarks()
    {
        // As of 4 November, N's unexplained absences have aged in school days: the ageing reads the open days.
        var options = new PupilPatternOptions(Autumn1, new DateOnly(2025, 11, 4), PupilPatternOptions.PreviousTerm(Autumn1.End));
        string Describe(IEnumerable<PupilAttendanceRow> rows) => string.Join("\n", rows.Select(r =>
            $"{r.Upn} {r.Patterns.Band} {r.Patterns.LongestAbsenceSpell} {r.Patterns.PenaltyNotice} {r.Patterns.RecentAttendanceRate} " +
            string.Join(",", r.Patterns.OverdueUnexplained.Select(o => $"{o.Date}:{o.SchoolDaysOpen}"))));
        string expected;
        string file;
        using (var c = warehouse.Open())
        {
            var rows = PupilAttendanceQuery.Run(c, new PupilScope.School(Delta), options, new PupilViewer.Everyone());
            Assert.Contains(rows, r => r.Patterns.OverdueUnexplained.Count > 0);
            expected = Describe(rows);
            file = c.DataSource;
        }
        using var dir = new Fixtures.TempDirectory();
        var old = Path.Combine(dir.Sub("old"), "snapshot.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(old)!);
        File.Copy(file, old);
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={old}");
        connection.Open();
        using (var drop = connection.CreateCommand())
        {
            drop.CommandText = $"DROP TABLE {AttendanceGraph.Schema.Warehouse.SchoolOpenDays.Table}";
            drop.ExecuteNonQuery();
        }
        Assert.Equal(expected, Describe(PupilAttendanceQuery.Run(connection, new PupilScope.School(Delta), options, new PupilViewer.Everyone())));
    }
}

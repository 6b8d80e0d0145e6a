using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Publish;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Identifiers;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// A first load of registers sums the school rollup in memory (FirstLoadRollup) rather than with SchoolRollup's SQL.
/// The rest beside a cohort is where the two could part: its persistent and severe absence test each enrolment's totals
/// without the cohort's sessions, which can cross a threshold the enrolment's whole totals do not. In the week of Mon 6 Oct
/// 2025 at Alpha, D is absent Monday and Tuesday (O) and present Wednesday to Friday, in FSM from Wednesday; E has the same
/// register and is in FSM only on Monday and Tuesday. Each is 4 of 10 sessions absent (40 %: persistent, not severe). D's
/// rest (Monday, Tuesday) is 4 of 4 absent: severe; E's rest (Wednesday to Friday) is 0 of 6: not persistent.
/// </summary>
public sealed class FirstLoadRollupTests
{
    private static readonly string D = Upn.Create(319, 2001, 2017, 21), E = Upn.Create(319, 2001, 2017, 22);
    private static readonly DateOnly Monday = new(2025, 10, 6);

    [Fact]
    public void FirstLoad_RestBesideACohortCrossingAThresholdTheWholeWeekDoesNot_IsTheSqlDefinitionsRollup()
    {
        using var w = new EtlWarehouse();
        var input = w.NewFolder("rest-crossing-thresholds");
        WriteGiasDeclaringWeekendSessions(Path.Combine(input, "edubasealldata20250901.csv"));
        File.WriteAllText(Path.Combine(input, "pupils.csv"), $"""
            upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year
            {D},{Alpha},2025-09-01,,2016-03-03,F,4
            {E},{Alpha},2025-09-01,,2016-04-04,M,4

            """);
        var marks = new List<(string, int, DateOnly, string, string)>();
        foreach (var upn in new[] { D, E })
            for (var day = 0; day < 5; day++)
                foreach (var session in new[] { "AM", "PM" })
                    marks.Add((upn, Alpha, Monday.AddDays(day), session, day < 2 ? "O" : "/"));
        w.WriteMarks(Path.Combine(input, "marks.csv"), marks);
        File.WriteAllText(Path.Combine(input, "cohorts.csv"), $"""
            upn,cohort,start_date,end_date
            {D},FSM,2025-10-08,
            {E},FSM,2025-10-06,2025-10-07

            """);
        w.Load(input);
        using var c = w.Open();

        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
        // By hand, the week at Alpha: everyone 2 enrolments, both persistent, neither severe; FSM D (0 of 6) and E (4 of 4:
        // persistent and severe); the rest D (4 of 4: persistent and severe) and E (0 of 6), so the rest's correction is
        // 0 enrolments, −1 persistent (E leaves it), +1 severe (D joins it).
        Assert.Equal(
            ["everyone: 2 2 0", "FSM: 2 1 1", "FSM rest correction: 0 -1 1"],
            EtlWarehouse.Rows(c, $"""
                SELECT CASE WHEN cohort = '' THEN 'everyone' WHEN rest THEN cohort || ' rest correction' ELSE cohort END || ': ' ||
                  enrolments || ' ' || persistentAbsenceEnrolments || ' ' || severeAbsenceEnrolments
                FROM {SchoolRollup.Table}
                WHERE kind = '{RollupBucket.Week}' AND b_from = DATE '2025-10-06' AND urn = {Alpha}
                ORDER BY cohort, rest
                """));
    }

    [Fact]
    public void YearsToSum_AreTheYearsWithMarksOrTotals_NotTheYearsTheEnrolmentSpans()
    {
        // On roll since September 2014 with no leaving date: a span from the entry date made a year of marks into 27 years of
        // buckets on the benchmark's LA.
        using var c = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        c.Open();
        c.Execute("CREATE TABLE session_totals (urn INTEGER)"); // none loaded before
        MarksIndex Registers() => MarksIndex.Build([new EnrolmentRecord(D, Alpha, new DateOnly(2014, 9, 1), null, new DateOnly(2010, 1, 1), "F", "10")],
            new Dictionary<string, int> { [D] = 1 }, ExistingWarehouseState.Empty);
        EnrolmentSlot Slot(MarksIndex index) => Assert.Single(Assert.Single(index.Pupils).Slots);

        Assert.Null(FirstLoadRollup.YearsToSum(c, Registers(), [], totalsCounted: false)); // no mark and no total: nothing to sum here

        var oneYear = Registers();
        Assert.True(Slot(oneYear).TryMark(Monday.DayNumber, 0, 1));
        Assert.True(Slot(oneYear).TryMark(Monday.AddDays(4).DayNumber, 1, 1));
        Assert.Equal((new AcademicYear(2025), new AcademicYear(2025)), FirstLoadRollup.YearsToSum(c, oneYear, [], totalsCounted: false));

        var twoYears = Registers();
        Assert.True(Slot(twoYears).TryMark(new DateOnly(2024, 7, 19).DayNumber, 1, 1)); // the last Friday of 2023/24
        Assert.True(Slot(twoYears).TryMark(Monday.DayNumber, 0, 1));
        Assert.Equal((new AcademicYear(2023), new AcademicYear(2025)), FirstLoadRollup.YearsToSum(c, twoYears, [], totalsCounted: false));

        // Another pupil's DfE week in 2026/27 widens the range (one of the registers' own pupils would send the rollup to SQL).
        var totals = new SessionTotalsRecord(2, Beta, new DateOnly(2026, 9, 7), new DateOnly(2026, 9, 11), 10, 10, 0, 0, 0);
        Assert.Equal((new AcademicYear(2025), new AcademicYear(2026)), FirstLoadRollup.YearsToSum(c, oneYear, [totals], totalsCounted: false));

        // Totals counted with the aggregates (a batch of them without marks): their weeks' years however many rows, no
        // registers needed.
        Assert.Equal((new AcademicYear(2026), new AcademicYear(2026)), FirstLoadRollup.YearsToSum(c, Registers(), [totals], totalsCounted: true));
        var many = Enumerable.Repeat(totals, FirstLoadRollup.TotalsReadBackAtMost + 1).ToList();
        Assert.Null(FirstLoadRollup.YearsToSum(c, oneYear, many, totalsCounted: false));
        Assert.Equal((new AcademicYear(2026), new AcademicYear(2026)), FirstLoadRollup.YearsToSum(c, Registers(), many, totalsCounted: true));
    }

    /// <summary>
    /// P2 at Alpha has registers for 3–12 September 2025 and DfE totals for the week after: one enrolment, two sources,
    /// which the in-memory sums cannot merge, so the SQL build makes the rollup (summed in memory as well, the enrolment's
    /// register weeks would count twice).
    /// </summary>
    [Fact]
    public void FirstLoad_OfAnEnrolmentWithRegistersAndDfeTotals_IsTheSqlDefinitionsRollup()
    {
        using var w = new EtlWarehouse();
        var input = w.NewFolder("registers-and-totals");
        foreach (var f in Directory.GetFiles(w.HandChecked)) File.Copy(f, Path.Combine(input, Path.GetFileName(f)));
        File.WriteAllText(Path.Combine(input, "dfe-pupil-attendance.csv"), ResidentsElsewhere.Header + "\n" +
            $"{P2},2018-05-01,male,no,{Alpha},3,{ResidentsElsewhere.SuttonUkprn},Sutton,{ResidentsElsewhere.SuttonUkprn},Sutton,Alpha Primary,primary,2022-09-01,10,7,0,2,1,2025-09-15,2025-09-19\n");
        w.Load(input);
        using var c = w.Open();

        Assert.Equal(1L, c.Scalar<long>("SELECT count(*) FROM session_totals"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    /// <summary>
    /// The residents' download for a week of 2026/27, after every register (all in September 2025): the in-memory sums lay
    /// out that year's periods too, and sum R1 and R2 (known only as totals) into them.
    /// </summary>
    [Fact]
    public void FirstLoad_WithResidentsTotalsInAYearAfterEveryRegister_IsTheSqlDefinitionsRollup()
    {
        using var w = new EtlWarehouse();
        var input = ResidentsElsewhere.Write(w);
        var residents = Path.Combine(input, "dfe-resident-pupils.csv");
        File.WriteAllText(residents, File.ReadAllText(residents).Replace("2025-09-08,2025-09-12", "2026-09-07,2026-09-11"));
        w.Load(input);
        using var c = w.Open();

        Assert.Equal(2L, c.Scalar<long>($"SELECT count(*) FROM {SchoolRollup.Table} WHERE kind = '{RollupBucket.Year}' AND b_from = DATE '2026-08-01' AND cohort = ''"));
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }
}

using System.Text.Json;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Pupils;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Api;

namespace AttendanceGraph.Tests.Pupils;

/// <summary>
/// The needs-attention list reads a school's year to date once and computes it twice, as of the latest day and as of
/// the previous load's day (<see cref="PupilAttendanceQuery.RunWithEarlier"/>). On a generated LA (24 schools, September
/// to March) both lists equal what two readings of their own give, field for field — bands, measures, spells, weekdays,
/// the penalty-notice window, N codes aged in school days, enrolments, memberships and served windows — for the la-lead
/// and for the school's own view, over random pairs of days (weekends and holidays included).
/// </summary>
public sealed class PupilReadingWithEarlierTests(BatchingTests.GeneratedLa la) : IClassFixture<BatchingTests.GeneratedLa>
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    [Fact]
    public void BothDays_FromOneReading_EqualTwoReadingsOfTheirOwn()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var urns = c.Rows("SELECT DISTINCT urn FROM enrolments ORDER BY urn LIMIT 3").Select(r => r.GetInt32(0)).ToList();
        var year = new AcademicYear(2025);
        var random = new Random(23);
        var compared = 0;
        for (var i = 0; i < 5; i++)
        {
            // Any calendar days from mid-September to the end of March, the earlier one at least a day before.
            var latest = new DateOnly(2025, 9, 15).AddDays(random.Next(0, 197));
            var previous = latest.AddDays(-random.Next(1, 60));
            if (previous < year.Start) previous = year.Start;
            foreach (var urn in urns)
                foreach (var viewer in new PupilViewer[] { new PupilViewer.Everyone(), new PupilViewer.School(urn) })
                {
                    var scope = new PupilScope.School(urn);
                    var (rows, earlier) = PupilAttendanceQuery.RunWithEarlier(c, scope, YearToDate(latest), YearToDate(previous), viewer, _ => true);
                    Assert.Equal(Describe(PupilAttendanceQuery.Run(c, scope, YearToDate(latest), viewer)), Describe(rows));
                    var alone = PupilAttendanceQuery.Run(c, scope, YearToDate(previous), viewer);
                    Assert.Equal(Describe(alone), Describe(earlier.Values.OrderBy(r => r.Upn, StringComparer.Ordinal)));
                    compared += alone.Count;
                }
        }
        Assert.True(compared > 1000, $"only {compared} earlier rows compared");
    }

    [Fact]
    public void TheEarlierDay_IsComputedOnlyForThePupilsAsked()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var urn = c.Scalar<int>("SELECT min(urn) FROM enrolments");
        var (latest, previous) = (new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 13));
        var (rows, earlier) = PupilAttendanceQuery.RunWithEarlier(c, new PupilScope.School(urn), YearToDate(latest), YearToDate(previous),
            new PupilViewer.Everyone(), r => r.Patterns.Band == TsmBand.PersistentAbsence);
        var persistent = rows.Where(r => r.Patterns.Band == TsmBand.PersistentAbsence).Select(r => r.PupilId).ToHashSet();
        Assert.NotEmpty(persistent);
        Assert.True(earlier.Keys.ToHashSet().SetEquals(persistent), "the earlier rows are not exactly the persistently absent pupils'");
    }

    [Fact]
    public void AnEarlierReadingThatIsNotInsideTheLaterOne_IsRefused()
    {
        using var c = CurrentSnapshot.TryOpenReadOnly(la.Paths)!;
        var (ninth, february) = (new DateOnly(2026, 1, 9), YearToDate(new DateOnly(2026, 2, 6)));
        var yearStart = new AcademicYear(2025).Start;
        foreach (var earlier in new[]
        {
            YearToDate(new DateOnly(2026, 3, 6)), // ends later
            new PupilPatternOptions(Period.Range(new DateOnly(2025, 10, 1), ninth), ninth, PupilPatternOptions.PreviousTerm(ninth)), // starts elsewhere
            new PupilPatternOptions(Period.Range(yearStart, ninth), ninth, Period.ForTerm(new AcademicYear(2024), Term.Autumn)), // reads marks from earlier
            new PupilPatternOptions(Period.Range(yearStart, ninth), new DateOnly(2026, 3, 2), PupilPatternOptions.PreviousTerm(ninth)), // ages N codes to a later day
        })
            Assert.Throws<ArgumentException>(() => PupilAttendanceQuery.RunWithEarlier(c, new PupilScope.School(1), february, earlier, new PupilViewer.Everyone(), _ => true));
    }

    private static PupilPatternOptions YearToDate(DateOnly day) => PupilPatternOptions.YearToDate(day);

    private static string Describe(IEnumerable<PupilAttendanceRow> rows) =>
        string.Join("\n", rows.Select(r => JsonSerializer.Serialize(r, Json)));
}

using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Validate;

/// <summary>The day-number arithmetic the marks parser relies on, checked against the calendar itself.</summary>
public class DateRulesTests
{
    [Fact]
    public void IsWeekend_AgreesWithDayOfWeek_OnEveryDayFrom2006To2031()
    {
        for (var d = new DateOnly(2006, 8, 1); d < new DateOnly(2031, 8, 1); d = d.AddDays(1))
            Assert.Equal(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, DateRules.IsWeekend(d.DayNumber));
    }

    [Fact]
    public void MarkDayAllowed_RunsFromThe1stOfAugust2006_ToTodayPlusTheMargin_Inclusive()
    {
        var rules = new DateRules(new DateOnly(2026, 11, 20), futureDays: 3);

        Assert.False(rules.MarkDayAllowed(new DateOnly(2006, 7, 31).DayNumber));
        Assert.True(rules.MarkDayAllowed(new DateOnly(2006, 8, 1).DayNumber));
        Assert.True(rules.MarkDayAllowed(new DateOnly(2026, 11, 23).DayNumber));
        Assert.False(rules.MarkDayAllowed(new DateOnly(2026, 11, 24).DayNumber));
        Assert.False(rules.MarkDayAllowed(new DateOnly(2099, 1, 5).DayNumber));
        Assert.Equal(RejectionReason.DateInFuture, rules.MarkProblem(new DateOnly(2026, 11, 24).DayNumber).Reason);
        Assert.Equal(RejectionReason.DateTooEarly, rules.MarkProblem(new DateOnly(1999, 1, 4).DayNumber).Reason);
    }

    [Fact]
    public void FromClock_TakesTodayFromTheClocksLocalDate()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 3, 2), DateRules.FromClock(clock).Today);
    }

    [Fact]
    public void ANegativeMargin_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DateRules(new DateOnly(2026, 3, 2), futureDays: -1));
}

using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Tests.Schema;

public class CalendarTests
{
    [Theory]
    [InlineData(2023), InlineData(2024), InlineData(2025), InlineData(2026)]
    public void SchoolYear_Has190DaysOnWeekdays(int startYear)
    {
        var cal = SchoolCalendar.For(new AcademicYear(startYear));
        Assert.Equal(190, cal.SchoolDays.Count);
        Assert.All(cal.SchoolDays, d => Assert.True(SchoolCalendar.IsWeekday(d)));
        Assert.Equal(cal.SchoolDays.Count, cal.SchoolDays.Distinct().Count());
    }

    [Theory]
    [InlineData(2024), InlineData(2025)]
    public void HalfTerms_PartitionTheYearOnWeekBoundaries(int startYear)
    {
        var year = new AcademicYear(startYear);
        var halves = SchoolCalendar.For(year).HalfTerms;
        Assert.Equal(6, halves.Count);
        Assert.Equal(year.Start, halves[0].Start);
        Assert.Equal(year.End, halves[^1].End);
        for (var i = 1; i < 6; i++)
        {
            Assert.Equal(halves[i - 1].End.AddDays(1), halves[i].Start);
            Assert.Equal(DayOfWeek.Monday, halves[i].Start.DayOfWeek);
        }
    }

    [Fact]
    public void Calendar2024_MatchesATypicalEnglishYear()
    {
        var cal = SchoolCalendar.For(new AcademicYear(2024));
        Assert.Equal(new DateOnly(2024, 9, 4), cal.HalfTerms[0].FirstSchoolDay);   // Wed after INSET days
        Assert.Equal(new DateOnly(2024, 11, 4), cal.HalfTerms[1].FirstSchoolDay);  // after October half term
        Assert.Equal(new DateOnly(2025, 4, 28), cal.HalfTerms[4].FirstSchoolDay);  // Easter Sunday 20 April 2025
        Assert.False(cal.IsSchoolDay(new DateOnly(2025, 5, 5)));                     // early May bank holiday
        Assert.InRange(cal.SchoolDays[^1], new DateOnly(2025, 7, 15), new DateOnly(2025, 7, 25));
    }

    [Theory]
    [InlineData("2024/25", 2024), InlineData("202425", 2024), InlineData("2025-26", 2025)]
    public void AcademicYear_ParsesUsualForms(string label, int start) => Assert.Equal(start, AcademicYear.Parse(label).StartYear);

    [Theory]
    [InlineData("1899/00", true), InlineData("2999/00", true), InlineData("1898/99", false), InlineData("9999/00", false), InlineData("300001", false)]
    public void AcademicYear_IsParsedOnlyInsideTheSupportedYears(string label, bool parsed)
    {
        Assert.Equal(parsed, AcademicYear.TryParse(label, out var year));
        // Whatever parses has an end .NET can hold: 9999/00 would end on 31 July 10000.
        if (parsed) Assert.True(SupportedDates.Contain(year.End));
    }

    [Fact]
    public void AcademicYear_RunsAugustToJuly()
    {
        Assert.Equal(2024, AcademicYear.Containing(new DateOnly(2024, 8, 1)).StartYear);
        Assert.Equal(2023, AcademicYear.Containing(new DateOnly(2024, 7, 31)).StartYear);
        Assert.Equal(202425, new AcademicYear(2024).TimePeriod);
        Assert.Equal("2024/25", new AcademicYear(2024).Label);
    }

    [Theory]
    [InlineData("2019-08-31", true)]   // 5 on 31 Aug 2024: year 1
    [InlineData("2019-09-01", false)]  // 4 on 31 Aug 2024: reception
    [InlineData("2008-09-01", true)]   // 15 on 31 Aug 2024: year 11
    [InlineData("2008-08-31", false)]  // 16 on 31 Aug 2024: year 12
    public void CompulsorySchoolAge_IsFiveToFifteenOnThe31stOfAugust(string dob, bool expected) =>
        Assert.Equal(expected, new AcademicYear(2024).IsCompulsorySchoolAge(DateOnly.Parse(dob)));

    [Fact]
    public void Period_KnowsWhenTheAggregatesAnswerItExactly()
    {
        Assert.True(Period.ForTerm(new AcademicYear(2024), Term.Spring).IsFragmentAligned);
        Assert.True(Period.ForMonth(2025, 2).IsFragmentAligned);
        Assert.True(Period.ForWeek(new DateOnly(2025, 2, 5)).IsFragmentAligned);
        Assert.False(Period.Range(new DateOnly(2025, 2, 5), new DateOnly(2025, 2, 6)).IsFragmentAligned);
    }
}

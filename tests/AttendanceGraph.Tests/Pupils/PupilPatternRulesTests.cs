using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Pupils;

namespace AttendanceGraph.Tests.Pupils;

/// <summary>The pattern rules in memory, on marks built in the test (no warehouse).</summary>
public sealed class PupilPatternRulesTests
{
    private const int Urn = 1;
    private static readonly CodeCatalogue Codes = CodeCatalogue.Instance;

    private static PupilMark M(int month, int day, byte session, string code) => new(1, Urn, new DateOnly(2025, month, day), session, Codes[code]);

    [Fact]
    public void NotPossibleSession_NeitherBreaksNorExtendsASpell()
    {
        // Mon AM I, Mon PM X (not a possible session), Tue AM I, Tue PM present, Wed AM O.
        var marks = new[] { M(9, 8, 0, "I"), M(9, 8, 1, "X"), M(9, 9, 0, "I"), M(9, 9, 1, "\\"), M(9, 10, 0, "O") };
        Assert.Equal((2, 2), PupilPatterns.Spells(marks));
    }

    [Fact]
    public void ApprovedEducationalActivity_BreaksASpell()
    {
        var marks = new[] { M(9, 8, 0, "I"), M(9, 8, 1, "K"), M(9, 9, 0, "I") };
        Assert.Equal((2, 1), PupilPatterns.Spells(marks));
    }

    [Fact]
    public void SchoolDaysAfterTheLastMark_ComeFromTheRuleCalendar()
    {
        // Data ends Fri 24 Oct 2025; half term follows, so Mon 3 and Tue 4 Nov are the next school days.
        var days = new SchoolDays([(Urn, new DateOnly(2025, 10, 23)), (Urn, new DateOnly(2025, 10, 24))]);
        Assert.Equal(1, days.CountAfter(Urn, new DateOnly(2025, 10, 23), new DateOnly(2025, 11, 2)));
        Assert.Equal(3, days.CountAfter(Urn, new DateOnly(2025, 10, 23), new DateOnly(2025, 11, 4)));
    }

    [Fact]
    public void PreviousTerm_OfAnAutumnDate_IsTheSummerBefore()
    {
        Assert.Equal(Period.ForTerm(new AcademicYear(2024), Term.Summer), PupilPatternOptions.PreviousTerm(new DateOnly(2025, 10, 1)));
        Assert.Equal(Period.ForTerm(new AcademicYear(2025), Term.Autumn), PupilPatternOptions.PreviousTerm(new DateOnly(2026, 2, 2)));
    }

    [Fact]
    public void PenaltyWindow_WithNoUnauthorisedAbsence_HasNoMaximumWindow()
    {
        var marks = new[] { M(9, 8, 0, "/"), M(9, 8, 1, "I") };
        var days = new SchoolDays([(Urn, new DateOnly(2025, 9, 8))]);
        var options = new PupilPatternOptions(Period.ForWeek(new DateOnly(2025, 9, 8)), new DateOnly(2025, 9, 8), Period.ForWeek(new DateOnly(2025, 9, 1)));
        var check = PupilPatterns.Compute(marks, days, options).PenaltyNotice;
        Assert.Equal((0, 0, false), (check.MaxSessionsInWindow, check.SessionsInLatestWindow, check.ThresholdMet));
        Assert.Null(check.MaxWindowEndWeek);
    }
}

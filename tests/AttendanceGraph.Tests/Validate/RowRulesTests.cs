using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Tests.Validate;

/// <summary>
/// The row rules on their own, without a file: what the readers ask them and what they answer. The readers' tests
/// (tests/Read, tests/Etl) prove the same messages arrive in the report with file, line and column.
/// </summary>
public sealed class RowRulesTests
{
    private static readonly DateRules Dates = new(new DateOnly(2025, 11, 20));

    [Theory]
    [InlineData("AM", 0)]
    [InlineData("pm", 1)]
    [InlineData("Am", 0)]
    [InlineData("pM", 1)]
    public void ASession_IsAmOrPm_InAnyCase(string text, int expected)
    {
        Assert.True(MarkRules.TrySession(Encoding.ASCII.GetBytes(text), out var session));
        Assert.Equal(expected, session);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("AN")]
    [InlineData("AMM")]
    [InlineData("M")]
    public void AnythingElse_IsNotASession(string text) =>
        Assert.False(MarkRules.TrySession(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void AUpn_IsPresent_AndItsCheckLetterRight_InBothForms()
    {
        Assert.Null(UpnRules.Problem("upn", "B801200005001")); // shared/domain README's valid example
        Assert.Null(UpnRules.Why("B801200005001"u8));

        Assert.Equal(new RowProblem("upn", RejectionReason.MissingValue, "upn is empty"), UpnRules.Problem("upn", ""));
        var bad = UpnRules.Problem("UPN", "A801200005001")!.Value;
        Assert.Equal(("UPN", RejectionReason.BadUpn), (bad.Column, bad.Reason));
        Assert.StartsWith("bad UPN 'A801200005001': ", bad.Detail);
        Assert.Equal(bad.Detail, $"bad UPN 'A801200005001': {UpnRules.Why("A801200005001"u8)}");
    }

    [Fact]
    public void ADateOfBirth_IsNotAfterToday_NorBefore1900()
    {
        Assert.Null(Dates.BirthProblem("date of birth", new DateOnly(2025, 11, 20)));
        Assert.Null(Dates.BirthProblem("date of birth", new DateOnly(1900, 1, 1)));
        Assert.Equal(RejectionReason.DateInFuture, Dates.BirthProblem("date of birth", new DateOnly(2025, 11, 21))?.Reason);
        Assert.Equal(RejectionReason.DateTooEarly, Dates.BirthProblem("date of birth", new DateOnly(1899, 12, 31))?.Reason);
    }

    [Fact]
    public void AMembershipCohort_IsStatutoryInAnyCase_OrDeclared()
    {
        var rules = new CohortRules(Dates, ExistingWarehouseState.Empty);
        Assert.Null(rules.Membership("fsm", out var fsm));
        Assert.Equal("FSM", fsm);

        Assert.Equal(RejectionReason.UnknownCohort, rules.Membership("young_carers", out _)?.Reason);
        Assert.Null(rules.Redeclared("YOUNG_CARERS", "/in/cohorts.csv", 2));
        Assert.Null(rules.Membership("young_carers", out var declared));
        Assert.Equal("YOUNG_CARERS", declared);

        // A statutory key spelt with spaces is neither the statutory cohort nor an LA cohort (none may take its key).
        Assert.Equal(RejectionReason.UnknownCohort, rules.Membership(" fsm ", out _)?.Reason);
    }

    [Fact]
    public void ACohortDeclaredTwice_NamesWhereItWasFirstDeclared()
    {
        var rules = new CohortRules(Dates, ExistingWarehouseState.Empty);
        Assert.Null(rules.Redeclared("YOUNG_CARERS", "/in/cohorts.csv", 2));

        var again = rules.Redeclared("YOUNG_CARERS", "/in/more.csv", 7);

        Assert.Equal(new RowProblem("cohort", RejectionReason.DuplicateRow, "cohort YOUNG_CARERS is declared more than once (first at cohorts.csv line 2)"), again);
        Assert.Equal(RejectionReason.BadCohortKey, CohortRules.Key("FSM", out _)?.Reason);
        Assert.Equal(RejectionReason.MissingValue, CohortRules.Key("  ", out _)?.Reason);
        Assert.Null(CohortRules.Key(" young_carers", out var key));
        Assert.Equal("YOUNG_CARERS", key);
    }

    [Fact]
    public void AnEnrolment_EndsAfterItStarts_AndIsGivenOnce()
    {
        var rules = new EnrolmentRules(Dates);
        var entry = new DateOnly(2025, 9, 3);

        Assert.Null(rules.Dates(entry, null));
        Assert.Equal(new RowProblem("leaving_date", RejectionReason.EndBeforeStart, "leaving date 2025-09-02 is before entry date 2025-09-03"),
            rules.Dates(entry, new DateOnly(2025, 9, 2)));
        Assert.Equal(RejectionReason.DateInFuture, rules.Dates(new DateOnly(2027, 9, 1), null)?.Reason);

        // Only a row that loads takes its enrolment: one rejected after the check leaves it to the next row.
        Assert.Null(rules.Repeated("B801200005001", 100001, entry));
        Assert.Null(rules.Repeated("B801200005001", 100001, entry));
        Assert.True(rules.Claim(("B801200005001", 100001, entry)));
        Assert.Equal(RejectionReason.DuplicateRow, rules.Repeated("B801200005001", 100001, entry)?.Reason);
        // A totals row describing the same enrolment does not add it again.
        Assert.False(rules.Claim(("B801200005001", 100001, entry)));
        Assert.True(rules.Claim(("B801200005001", 100002, entry)));
    }

    [Fact]
    public void ATotalsSpan_IsOneWholeSchoolWeek_BlamedOnTheColumnItCameFrom()
    {
        var monday = new DateOnly(2025, 9, 15);

        Assert.Null(SessionTotalsRules.Span("period_start", monday, monday.AddDays(4), Dates));
        var tuesday = SessionTotalsRules.Span("--period-start", monday.AddDays(1), monday.AddDays(4), Dates)!.Value;
        Assert.Equal(("--period-start", RejectionReason.BadSpan), (tuesday.Column, tuesday.Reason));
        Assert.Equal(RejectionReason.DateInFuture, SessionTotalsRules.Span("period_start", new DateOnly(2026, 9, 14), new DateOnly(2026, 9, 18), Dates)?.Reason);
        Assert.Equal(RejectionReason.BadNumber, SessionTotalsRules.CountProblem("present_sessions", 11, 10)?.Reason);
        Assert.Null(SessionTotalsRules.AbsentProblem("absent_sessions", 3, 1, 2));
    }

    [Fact]
    public void TotalsOfAPupilSchoolAndWeek_AreGivenOnce_ThoughAPupilMayBeAtTwoSchoolsInAWeek()
    {
        var repeats = new SessionTotalsRepeats();
        var week = new DateOnly(2025, 9, 15);
        Assert.Null(repeats.Repeated(0, 100001, week));
        Assert.Null(repeats.Repeated(0, 100002, week));              // moved school mid-week: a row at each
        Assert.Null(repeats.Repeated(0, 100001, week.AddDays(7)));   // the next week
        Assert.Null(repeats.Repeated(5000, 100001, week));           // another pupil, past the first array's end
        var again = repeats.Repeated(0, 100001, week);
        Assert.Equal(new RowProblem("UPN", RejectionReason.DuplicateRow,
            "the same pupil's totals at 100001 for the week of 2025-09-15 appear more than once in this batch"), again);
        Assert.Equal(RejectionReason.DuplicateRow, repeats.Repeated(0, 100002, week)?.Reason);
        Assert.Equal(RejectionReason.DuplicateRow, repeats.Repeated(5000, 100001, week)?.Reason);
        Assert.Null(repeats.Repeated(1, 0, week));                   // a school numbered 0 is still a school
        Assert.Equal(RejectionReason.DuplicateRow, repeats.Repeated(1, 0, week)?.Reason);
    }
}

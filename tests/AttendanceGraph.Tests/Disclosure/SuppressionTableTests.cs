using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Tests.Disclosure;

/// <summary>Suppression on hand-made numbers: primary small counts, and the subtraction attack on totals.</summary>
public sealed class SuppressionTableTests
{
    private static MeasureValues V(long enrolments, long possible = 100, long pa = 0) =>
        new(enrolments, possible, possible - 10, 6, 4, 10, 1, pa, 0);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void Primary_WithholdsEnrolmentCountsOfOneToFive(long enrolments, bool withheld) =>
        Assert.Equal(withheld, DisclosureRules.Cell(V(enrolments)).IsSuppressed(MeasureField.Enrolments));

    [Fact]
    public void Primary_SmallPersistentAbsence_WithholdsTheCountAndItsRateOnly()
    {
        var cell = DisclosureRules.Cell(V(40, pa: 3));
        Assert.Null(cell.Count(MeasureField.PersistentAbsenceEnrolments));
        Assert.Null(cell.PersistentAbsenceRate);
        Assert.Equal(40, cell.Count(MeasureField.Enrolments));
        Assert.Equal(10.0, cell.OverallAbsenceRate);
    }

    [Fact]
    public void Secondary_OneWithheldPart_WithholdsTheNextSmallest()
    {
        var table = new SuppressionTable<string>()
            .Add("total", V(3 + 20 + 50)).Add("a", V(3)).Add("b", V(20)).Add("c", V(50))
            .Group("total", ["a", "b", "c"]);
        Assert.Null(table["a"].Count(MeasureField.Enrolments));
        Assert.Null(table["b"].Count(MeasureField.Enrolments));
        Assert.Equal(50, table["c"].Count(MeasureField.Enrolments));
        Assert.Equal(73, table["total"].Count(MeasureField.Enrolments));
        Assert.Null(Recover(table, "total", ["a", "b", "c"], MeasureField.Enrolments));
    }

    [Fact]
    public void Secondary_PrimaryOnly_WouldBeBeatenBySubtraction()
    {
        // The attack the secondary step defeats: with only primary suppression, total − published parts = the withheld part.
        var parts = new[] { V(3), V(20), V(50) };
        var published = parts.Select(DisclosureRules.Cell).ToList();
        var recovered = 73 - published.Where(p => !p.IsSuppressed(MeasureField.Enrolments)).Sum(p => p.Values.Enrolments);
        Assert.Equal(3, recovered);
    }

    [Fact]
    public void Secondary_NoOtherPartCanHideIt_WithholdsTheTotal()
    {
        var table = new SuppressionTable<string>()
            .Add("total", V(40, pa: 4)).Add("a", V(30, pa: 4)).Add("b", V(10, pa: 0))
            .Group("total", ["a", "b"]);
        Assert.Null(table["a"].Count(MeasureField.PersistentAbsenceEnrolments));
        Assert.Null(table["total"].Count(MeasureField.PersistentAbsenceEnrolments));
    }

    [Fact]
    public void Secondary_NestedGroups_StaySafe()
    {
        // Schools 1–2 in phase P, school 3 in phase Q; LA = P + Q = every school.
        var table = new SuppressionTable<string>()
            .Add("la", V(2 + 30 + 40)).Add("P", V(32)).Add("Q", V(40))
            .Add("s1", V(2)).Add("s2", V(30)).Add("s3", V(40))
            .Group("la", ["P", "Q"]).Group("P", ["s1", "s2"]).Group("Q", ["s3"]).Group("la", ["s1", "s2", "s3"]);
        foreach (var (total, parts) in new[] { ("la", new[] { "P", "Q" }), ("P", ["s1", "s2"]), ("la", ["s1", "s2", "s3"]) })
            Assert.Null(Recover(table, total, parts, MeasureField.Enrolments));
    }

    /// <summary>The attacker: a published total less its published parts, when exactly one part is withheld.</summary>
    private static long? Recover(SuppressionTable<string> table, string total, string[] parts, MeasureField field)
    {
        if (table[total].Count(field) is not { } t) return null;
        var withheld = parts.Where(p => table[p].Count(field) is null).ToList();
        return withheld.Count == 1 ? t - parts.Where(p => !withheld.Contains(p)).Sum(p => table[p].Count(field)!.Value) : null;
    }
}

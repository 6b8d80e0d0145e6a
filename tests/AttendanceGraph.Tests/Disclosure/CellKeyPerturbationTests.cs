using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Disclosure;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Disclosure;

/// <summary>The ptable's promises on every (count, cell key), and cell keys computed in the measure query.</summary>
public sealed class CellKeyPerturbationTests
{
    private static IEnumerable<(long N, int Key, long P)> Table(long upTo = 300) =>
        from n in Enumerable.Range(0, (int)upTo + 1)
        from k in Enumerable.Range(0, PerturbationTable.Keys)
        select ((long)n, k, PerturbationTable.Publish(n, k));

    [Fact]
    public void NoCountOfOneToFive_IsEverPublished() =>
        Assert.DoesNotContain(Table(), t => t.P is >= 1 and <= 5);

    [Fact]
    public void ZeroStaysZero_AndLargeCountsMoveAtMostTwo()
    {
        Assert.All(Enumerable.Range(0, 256), k => Assert.Equal(0, PerturbationTable.Publish(0, k)));
        Assert.All(Table().Where(t => t.N >= 8), t => Assert.InRange(t.P - t.N, -2, 2));
    }

    [Fact]
    public void EveryRow_IsUnbiased()
    {
        foreach (var row in Table().GroupBy(t => t.N))
            Assert.InRange(row.Average(t => (double)t.P) - row.Key, -0.01, 0.01);
    }

    [Fact]
    public void EveryPublishedValue_ComesFromAtLeastFourTrueCounts_AndThePreimageSaysWhich()
    {
        foreach (var (n, _, p) in Table())
        {
            var (low, high) = PerturbationTable.Preimage(p);
            Assert.InRange(n, low, high);
            Assert.True(high - low >= 3, $"published {p} narrows the true count to {low}–{high}");
        }
        // And each value of the preimage really occurs (the attacker's model is not looser than the table).
        foreach (var group in Table(40).GroupBy(t => t.P).Where(g => g.Key < 30))
        {
            var (low, high) = PerturbationTable.Preimage(group.Key);
            Assert.Equal(Enumerable.Range((int)low, (int)(high - low + 1)).Select(i => (long)i), group.Select(t => t.N).Distinct().Order());
        }
    }

    [Fact]
    public void SessionFigures_AreWithheldUnderTenPublishedEnrolments_AndOtherwiseKeepTheRates()
    {
        var small = new MeasureValues(3, 48, 40, 5, 3, 8, 1, 2, 0);
        for (var k = 0; k < 256; k++)
        {
            var (v, withheld) = CellKeyPerturbation.Publish(small, new CellKeys(k, k, k));
            Assert.Equal(CellKeyPerturbation.SessionFields, withheld);
            Assert.Equal((0L, 0L), (v.PossibleSessions, v.OverallAbsenceSessions));
            Assert.DoesNotContain(v.Enrolments, new long[] { 1, 2, 3, 4, 5 });
        }
        var large = new MeasureValues(200, 38000, 35400, 1700, 900, 2600, 300, 37, 4);
        for (var k = 0; k < 256; k++)
        {
            var (v, withheld) = CellKeyPerturbation.Publish(large, new CellKeys(k, (k * 7) % 256, (k * 13) % 256));
            Assert.Equal(MeasureField.None, withheld);
            Assert.InRange(v.Enrolments, 198, 202);
            Assert.InRange(v.OverallAbsenceRate!.Value - large.OverallAbsenceRate!.Value, -0.001, 0.001);
            Assert.True(v.SevereAbsenceEnrolments is 0 or >= 6);
        }
    }
}

/// <summary>Cell keys in the generated SQL: Σ record keys mod 256, so a cell's key is the same whichever query computes it.</summary>
[Collection(HandCheckedCollection.Name)]
public sealed class CellKeyQueryTests(HandCheckedWarehouse warehouse)
{
    private static readonly Period Autumn1 = Period.ForHalfTerm(new AcademicYear(2025), Term.Autumn, 1);

    private IReadOnlyList<MeasureRow> Run(MeasureRequest request)
    {
        using var c = warehouse.Open();
        return MeasureQuery.Run(c, request with { CellKeys = true });
    }

    [Fact]
    public void TheLasKey_IsTheSumOfItsSchoolsKeys_AndRepeatsExactly()
    {
        var la = Assert.Single(Run(new MeasureRequest(Autumn1))).Keys!;
        var schools = Run(new MeasureRequest(Autumn1) { GroupBy = MeasureGrouping.School });
        Assert.Equal(la.Enrolments, schools.Sum(r => r.Keys!.Enrolments) % 256);
        Assert.Equal(la.PersistentAbsence, schools.Sum(r => r.Keys!.PersistentAbsence) % 256);
        Assert.Equal(la, Assert.Single(Run(new MeasureRequest(Autumn1))).Keys);
        // The same members by another route (an unaligned range covering the same days) give the same key.
        Assert.Equal(la, Assert.Single(Run(new MeasureRequest(Period.Range(new DateOnly(2025, 9, 2), new DateOnly(2025, 9, 13))))).Keys);
    }

    [Fact]
    public void CohortAndRestKeys_AreComputedOverTheirOwnMembers()
    {
        var request = new MeasureRequest(Autumn1) { Cohorts = ["FSM"] };
        var cohort = Assert.Single(Run(request with { Population = Population.Cohort }));
        var rest = Assert.Single(Run(request with { Population = Population.RestOfPupils }));
        var all = Assert.Single(Run(new MeasureRequest(Autumn1)));
        // P7 is FSM for the whole period, so cohort and rest partition the LA's enrolments.
        Assert.Equal(all.Keys!.Enrolments, (cohort.Keys!.Enrolments + rest.Keys!.Enrolments) % 256);
    }
}

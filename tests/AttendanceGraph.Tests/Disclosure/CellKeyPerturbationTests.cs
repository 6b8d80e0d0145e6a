using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Disclosure;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Tests.Disclosure.Propagation;
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
    public void ZeroStaysZero_AndLargeCountsMoveAtMostSeven_MostlyAtMostTwo()
    {
        Assert.All(Enumerable.Range(0, 256), k => Assert.Equal(0, PerturbationTable.Publish(0, k)));
        Assert.All(Table().Where(t => t.N >= 8), t => Assert.InRange(t.P - t.N, -PerturbationTable.MaxAdjustment, PerturbationTable.MaxAdjustment));
        foreach (var row in Table().Where(t => t.N >= 13).GroupBy(t => t.N))
        {
            Assert.Equal(224, row.Count(t => Math.Abs(t.P - t.N) <= 2)); // the tails take 32 keys of 256
            Assert.Equal(1, row.Count(t => t.P - t.N == PerturbationTable.MaxAdjustment));
        }
    }

    [Fact]
    public void EveryRow_IsUnbiased_ExceptTheSmallRowsTheTailsWouldTakeUnderSix()
    {
        foreach (var row in Table().GroupBy(t => t.N))
        {
            var bias = row.Average(t => (double)t.P) - row.Key;
            if (row.Key is >= 8 and <= 12) Assert.InRange(bias, 0, 0.125); // a tail under 6 publishes 6
            else Assert.InRange(bias, -0.01, 0.01);
        }
    }

    [Fact]
    public void EveryPublishedValue_ComesFromAtLeastSevenTrueCounts_AndThePreimageSaysWhich()
    {
        foreach (var (n, _, p) in Table())
        {
            var (low, high) = PerturbationTable.Preimage(p);
            Assert.InRange(n, low, high);
            Assert.True(high - low >= 6, $"published {p} narrows the true count to {low}–{high}");
        }
        // And each value of the preimage really occurs (the attacker's model is not looser than the table).
        foreach (var group in Table(40).GroupBy(t => t.P).Where(g => g.Key < 30))
        {
            var (low, high) = PerturbationTable.Preimage(group.Key);
            Assert.Equal(Enumerable.Range((int)low, (int)(high - low + 1)).Select(i => (long)i), group.Select(t => t.N).Distinct().Order());
        }
    }

    private static readonly MeasureValues Large = new(200, 38000, 35400, 1700, 900, 2600, 300, 37, 4);

    [Fact]
    public void SessionRates_AreWithheldUnderTenPublishedEnrolments_WithTheCodes()
    {
        var small = new MeasureValues(3, 48, 40, 5, 3, 8, 1, 2, 0);
        for (var k = 0; k < 256; k++)
        {
            var cell = CellKeyPerturbation.Publish(small, new CellKeys(k, k, k, k));
            Assert.Equal(CellKeyPerturbation.SessionFields | MeasureField.CodeSessions, cell.Withheld);
            Assert.Equal((0L, 0L), (cell.Values.PossibleSessions, cell.Values.OverallAbsenceSessions));
            Assert.DoesNotContain(cell.Values.Enrolments, new long[] { 1, 2, 3, 4, 5 });
        }
    }

    [Fact]
    public void ACellWithSessionsFromTotals_KeepsItsReason_AboveAndBelowTheThreshold()
    {
        foreach (var v in new[] { Large, new MeasureValues(3, 48, 40, 5, 3, 8, 1, 2, 0) })
            for (var k = 0; k < 256; k += 17)
            {
                var fromTotals = v with { RegisterDetailUnavailable = SessionTotalsCoverage.RegisterDetailReason };
                Assert.Equal(SessionTotalsCoverage.RegisterDetailReason, CellKeyPerturbation.Publish(fromTotals, new CellKeys(k, k, k, k)).Values.RegisterDetailUnavailable);
                Assert.Null(CellKeyPerturbation.Publish(v, new CellKeys(k, k, k, k)).Values.RegisterDetailUnavailable);
            }
    }

    [Fact]
    public void SessionCounts_AreNeverPublished_AndSessionRatesAreTheTrueRatesPlusBoundedUnbiasedNoise_ToOneDecimalPlace()
    {
        var withCodes = Large with { CodeSessions = new Dictionary<string, long> { ["/"] = 35400, ["E"] = 3 } };
        var errors = new List<double>();
        for (var k = 0; k < 256; k++)
        {
            var cell = CellKeyPerturbation.Publish(withCodes, new CellKeys(k, (k * 7) % 256, (k * 13) % 256, k));
            Assert.Equal(CellKeyPerturbation.SessionFields, cell.RatesOnly);
            Assert.Equal(MeasureField.CodeSessions, cell.Withheld); // a rare code in a small cell names a child
            Assert.Null(cell.Values.CodeSessions);
            Assert.InRange(cell.Values.Enrolments, 200 - PerturbationTable.MaxAdjustment, 200 + PerturbationTable.MaxAdjustment);
            Assert.True(cell.Values.SevereAbsenceEnrolments is 0 or >= 6);
            // What the cell carries is the rate basis, never a session total.
            Assert.Equal(1000, cell.Values.PossibleSessions);
            var v = cell.Values;
            var bound = SessionRateNoise.MaxPoints(v.Enrolments) + 0.05 + 1e-9;
            // 2,600 / 38,000 = 6.842…%; 1,700 / 38,000 = 4.474…%; 300 / 38,000 = 0.789…%; each within the noise's bound.
            Assert.InRange(v.OverallAbsenceRate!.Value, 6.842 - bound, 6.842 + bound);
            Assert.InRange(v.AuthorisedAbsenceRate!.Value, 4.474 - bound, 4.474 + bound);
            Assert.InRange(v.LateRate!.Value, 0.789 - bound, 0.789 + bound);
            Assert.Equal(Math.Round(100 - v.OverallAbsenceRate.Value, 1), v.AttendanceRate);
            Assert.Equal(Math.Round(v.OverallAbsenceRate.Value - v.AuthorisedAbsenceRate.Value, 1), v.UnauthorisedAbsenceRate);
            errors.Add(v.OverallAbsenceRate.Value - 2600 * 100.0 / 38000);
        }
        Assert.InRange(errors.Average(), -0.02, 0.02); // unbiased, up to the rounding
        Assert.True(errors.Distinct().Count() >= 5, "the noise takes too few values: it would not hide a session count");
    }

    [Fact]
    public void UnderTheLiveMethod_ACellPublishesTheSameSessionRatesAsUnderTheOfficialOne()
    {
        // Live leaves enrolments of ≤ 10 sessions out of the counts, not the sessions: scaled by its fewer enrolments, the
        // same draw would publish at a second width, and the two readings would solve for it.
        for (var k = 0; k < 256; k++)
        {
            var official = new MeasureValues(24, 3000, 2790, 150, 60, 210, 12, 5, 1);
            var keys = new CellKeys(k, (k * 3) % 256, (k * 5) % 256, (k * 11) % 256);
            var live = official with { Enrolments = 13, PersistentAbsenceEnrolments = 3 };
            var a = CellKeyPerturbation.Publish(official, keys).Values;
            var b = CellKeyPerturbation.Publish(live, keys with { Enrolments = (k * 7) % 256, SessionUnits = new(24, k) }).Values;
            Assert.Equal((a.OverallAbsenceRate, a.AuthorisedAbsenceRate, a.LateRate), (b.OverallAbsenceRate, b.AuthorisedAbsenceRate, b.LateRate));
        }
    }

    [Fact]
    public void WhetherAndHowPreciselyRatesArePublished_DependsOnlyOnThePublishedEnrolments()
    {
        // The third cold attack read bounds on the true possible sessions from the precision a rate was published to.
        var random = new Random(3);
        for (var i = 0; i < 20000; i++)
        {
            var n = random.Next(1, 400);
            var possible = (long)n * random.Next(1, 400) - random.Next(0, n);
            if (possible <= 0) continue;
            var overall = (long)(possible * random.NextDouble() * 0.6);
            var cell = CellKeyPerturbation.Publish(new MeasureValues(n, possible, possible - overall, overall / 2, overall - overall / 2, overall, 0, 0, 0),
                new CellKeys(random.Next(256), 0, 0, random.Next(256)));
            var shown = DisclosedMeasures.Protected(cell);
            var rate = shown.Rate(MeasureCatalogue.OverallAbsenceRate);
            Assert.Equal(cell.Values.Enrolments >= CellKeyPerturbation.SessionThreshold, rate is not null);
            if (rate is { } r) Assert.Equal(Math.Round(r, CellKeyPerturbation.RateDecimals), r, 9);
        }
    }

    /// <summary>The second cold attack, kept: one decimal place over a one-day cell reads back its absent sessions.</summary>
    [Fact]
    public void RateDigitSolver_PinsOneAbsentSession_UnderOneDecimalPlaceFromTenEnrolments()
    {
        // School 102724 × SEND on 7 Oct 2025 in the attack: 18 enrolments, 36 possible sessions, 1 absent (authorised).
        static long Share(long x, long p) => (long)Math.Round((decimal)x * 1000 / p, MidpointRounding.AwayFromZero);
        var pinned = 0;
        for (var k = 0; k < 256; k++)
        {
            var published = PerturbationTable.Publish(18, k);
            var o = RateDigitSolver.OverallAbsence(new(published, Share(35, 36) / 10.0, Share(1, 36) / 10.0, Share(1, 36) / 10.0, 0),
                1, 2, _ => 1, 1);
            Assert.True(o is { } r && r.Low <= 1 && 1 <= r.High);
            if (o == (1, 1)) pinned++;
        }
        Assert.True(pinned > 128, $"the solver pinned one absent session for only {pinned} of 256 keys: it would not catch the old leak");
    }

    [Fact]
    public void RateDigitSolver_PinsNoSmallAbsence_InOneDayCellsPublishedNow()
    {
        var random = new Random(5);
        var published = 0;
        for (var i = 0; i < 3000; i++)
        {
            var n = random.Next(10, 1600);
            var possible = 2L * n - random.Next(0, 3);
            var overall = (long)random.Next(0, 6);
            var authorised = random.Next(0, (int)overall + 1);
            var cell = CellKeyPerturbation.Publish(new MeasureValues(n, possible, possible - overall, authorised, overall - authorised, overall, 0, overall, overall),
                new CellKeys(random.Next(256), random.Next(256), random.Next(256), random.Next(256)));
            var shown = DisclosedMeasures.Protected(cell);
            if (shown.Rate(MeasureCatalogue.AttendanceRate) is null) continue;
            published++;
            var o = RateDigitSolver.OverallAbsence(new(cell.Values.Enrolments, shown.Rate(MeasureCatalogue.AttendanceRate), shown.Rate(MeasureCatalogue.OverallAbsenceRate),
                shown.Rate(MeasureCatalogue.AuthorisedAbsenceRate), shown.Rate(MeasureCatalogue.UnauthorisedAbsenceRate)), 1, 2, _ => CellKeyPerturbation.RateDecimals,
                CellKeyPerturbation.RateDecimals, ratesDerived: true, noisePoints: SessionRateNoise.MaxPoints(cell.Values.Enrolments))!.Value;
            Assert.InRange(overall, o.Low, o.High); // the solver's model is never wrong about the truth
            Assert.False(o.Low == o.High && o.Low is >= 1 and <= 5, $"{n} enrolments, {possible} sessions: {overall} absent sessions pinned");
        }
        Assert.True(published > 2000, $"only {published} cells published rates");
    }

    /// <summary>The cold attack on the first build, kept: it pins enrolments whenever session totals share one scaling.</summary>
    [Fact]
    public void IdentitySolver_PinsTrueEnrolments_FromSessionTotalsScaledByPublishedOverTrue()
    {
        var random = new Random(11);
        var pinned = 0;
        for (var i = 0; i < 400; i++)
        {
            var n = random.Next(8, 60);
            var possible = n * random.Next(300, 380);
            var overall = (long)(possible * (0.03 + random.NextDouble() * 0.12));
            var authorised = (long)(overall * random.NextDouble());
            // The first build, as attacked: the ±2 ptable of the time, session totals scaled by published ÷ true.
            var p = CountRules.Before.Publish(n, random.Next(256));
            long S(long sessions) => (long)Math.Round((decimal)sessions * p / n, MidpointRounding.AwayFromZero);
            var candidates = SessionIdentitySolver.Candidates(new(p, S(possible), S(possible - overall), S(overall), S(authorised), S(overall - authorised)),
                CountRules.Before.Preimage);
            Assert.Contains((long)n, candidates); // the solver's model is never wrong about the truth
            if (candidates.Count == 1) pinned++;
        }
        Assert.True(pinned > 40, $"the solver pinned only {pinned} of 400 scaled cells: it would not catch the old leak");
    }

    [Fact]
    public void IdentitySolver_PinsNothing_FromWhatACellPublishes()
    {
        for (var k = 0; k < 256; k++)
        {
            var cell = CellKeyPerturbation.Publish(Large, new CellKeys(k, k, k, k));
            var published = DisclosedMeasures.Protected(cell);
            var candidates = SessionIdentitySolver.Candidates(new(published.Count(MeasureField.Enrolments)!.Value,
                published.Count(MeasureField.PossibleSessions), published.Count(MeasureField.AttendanceSessions),
                published.Count(MeasureField.OverallAbsenceSessions), published.Count(MeasureField.AuthorisedAbsenceSessions),
                published.Count(MeasureField.UnauthorisedAbsenceSessions)));
            var (low, high) = PerturbationTable.Preimage(cell.Values.Enrolments);
            Assert.Equal(high - low + 1, candidates.Count);
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
    public void TheSessionKey_FollowsTheSessions_NotJustTheMembers()
    {
        // Each school's weeks of the first half term hold the same pupils but different sessions: their person keys
        // repeat from week to week, their session keys do not (random keys: ≤ 2 values among 4+ cells is ~1e-7 likely).
        var weeks = Run(new MeasureRequest(Autumn1) { Grain = TimeGrain.Week, GroupBy = MeasureGrouping.School });
        Assert.True(weeks.Count >= 4, $"only {weeks.Count} school weeks");
        Assert.True(weeks.Select(w => w.Keys!.Sessions).Distinct().Count() >= 3, "weekly session keys barely vary: the noise would repeat");
        Assert.All(weeks, w => Assert.InRange(w.Keys!.Sessions, 0, 255));
        // The same sessions by another path (the marks, not the rollup) give the same session key.
        var rolled = Assert.Single(Run(new MeasureRequest(Autumn1) { GroupBy = MeasureGrouping.None }));
        using var c = warehouse.Open();
        var fromMarks = Assert.Single(MeasureQuery.Run(c, new MeasureRequest(Autumn1) { CellKeys = true }, fromRollup: false));
        Assert.Equal(rolled.Keys, fromMarks.Keys);
        var cohortRolled = Run(new MeasureRequest(Autumn1) { Cohorts = ["FSM", "SEND"], Population = Population.RestOfPupils, GroupBy = MeasureGrouping.School });
        var cohortFromMarks = MeasureQuery.Run(c, new MeasureRequest(Autumn1) { Cohorts = ["FSM", "SEND"], Population = Population.RestOfPupils, GroupBy = MeasureGrouping.School, CellKeys = true }, fromRollup: false);
        Assert.Equal(cohortFromMarks.Select(r => r.Keys), cohortRolled.Select(r => r.Keys));
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

/// <summary>The third cold attack, kept: bounds on the true sessions read from the precision a rate is published at.</summary>
public sealed class PrecisionBoundAttackTests
{
    // The rule that attack broke: one decimal place from 2,000 true possible sessions, whole percent from 200.
    private static int? OldRule(long possible, long published) =>
        published < CellKeyPerturbation.SessionThreshold ? null : possible >= 2000 ? 1 : possible >= 200 ? 0 : null;

    // The rule now, seen from outside: rates to one decimal place from 10 published enrolments, whatever the sessions.
    private static int? RuleNow(long possible, long published) =>
        published < CellKeyPerturbation.SessionThreshold ? null : CellKeyPerturbation.RateDecimals;

    private static IEnumerable<(long N, long Published, int? Seen, (long Low, long High) Range)> FullWeeks(Func<long, long, int?> rule, CountRule counts) =>
        from n in Enumerable.Range(8, 60)
        from key in Enumerable.Range(0, 256)
        let published = counts.Publish(n, key)
        let seen = rule(10L * n, published) // a week with every pupil on roll all week: ten sessions each
        select ((long)n, published, seen, PrecisionBoundSolver.Enrolments(published, seen, 1, 10, rule, counts.Preimage));

    [Fact]
    public void Solver_PinsEnrolmentCounts_UnderThePrecisionRuleOfTheTrueSessions()
    {
        var cells = FullWeeks(OldRule, CountRules.Before).ToList(); // the rule and the ptable the attack broke
        Assert.All(cells, c => Assert.InRange(c.N, c.Range.Low, c.Range.High)); // never wrong about the truth
        var pinned = cells.Count(c => c.Range.Low == c.Range.High);
        // The attack's example: a school's SEN-support cohort over one week, 20 enrolments and 200 sessions.
        Assert.Contains(cells, c => c.N == 20 && c.Range == (20, 20));
        Assert.True(pinned >= 20, $"the solver pinned only {pinned} cells: it would not catch the old leak");
    }

    [Fact]
    public void Solver_NarrowsNothing_BeyondThePtable_UnderTheRuleNow()
    {
        foreach (var c in FullWeeks(RuleNow, CountRules.Now))
        {
            if (c.Seen is null) continue;
            var (low, high) = PerturbationTable.Preimage(c.Published);
            Assert.Equal((Math.Max(low, 1), high), c.Range);
        }
    }

    [Fact]
    public void EveryoneLessTheRest_NeverPinsACohortOfOneToFive_UnderTheRuleNow()
    {
        var random = new Random(7);
        for (var i = 0; i < 20000; i++)
        {
            var cohort = random.Next(1, 6);
            var rest = random.Next(10, 80);
            (long Low, long High) Bounds(long published) => PrecisionBoundSolver.Enrolments(published, RuleNow(0, published), 1, 10, RuleNow);
            var all = Bounds(PerturbationTable.Publish(cohort + rest, random.Next(256)));
            var others = Bounds(PerturbationTable.Publish(rest, random.Next(256)));
            var (low, high) = (all.Low - others.High, all.High - others.Low);
            Assert.InRange(cohort, low, high);
            Assert.True(high - low >= 4, $"a cohort of {cohort} narrowed to {low}–{high}");
        }
    }
}

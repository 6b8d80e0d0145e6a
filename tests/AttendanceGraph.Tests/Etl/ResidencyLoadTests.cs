using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;
using static AttendanceGraph.Tests.Fixtures.ResidentsElsewhere;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// DfE's resident-pupil download (issue 12 item 3): the LA's residents at other LAs' schools load, each pupil's home LA is
/// kept, residency is right at another LA's school, and every population's figures are the hand-checked ones of
/// <see cref="ResidentsElsewhere"/>, the LA's own unchanged.
/// </summary>
public sealed class ResidencyLoadTests
{
    private static readonly Period Autumn1 = Period.ForHalfTerm(new AcademicYear(2025), Term.Autumn, 1);

    [Fact]
    public void AResidentAtAnotherLasSchool_IsResident_WithItsHomeLaKept_AndTheUnknownSchoolLearnedFromTheRow()
    {
        using var w = new EtlWarehouse();
        var result = w.Load(ResidentsElsewhere.Write(w));

        Assert.False(result.Report.HasErrors, result.Report.ToSummary());
        Assert.DoesNotContain(result.SchoolRecords, s => s.Urn == MordenBrook); // nor in the operational store's directory
        using var c = w.Open();
        // Home LA 10000319 against a school LA of 10000315: the rule before residency (home = school's LA) said not resident.
        Assert.Equal([$"{R1}|True|∅|{SuttonUkprn}|Sutton", $"{R2}|True|∅|{SuttonUkprn}|Sutton"],
            EtlWarehouse.Rows(c, $"SELECT upn, resident, home_la_code, home_la_ukprn, home_la_name FROM pupils WHERE upn IN ('{R1}', '{R2}') ORDER BY upn"));
        // The pupils file's home LA codes are kept as codes: P5 lives in Merton.
        Assert.Equal([$"{P5}|False|315|∅"], EtlWarehouse.Rows(c, $"SELECT upn, resident, home_la_code, home_la_ukprn FROM pupils WHERE upn = '{P5}'"));
        Assert.Equal([$"{MordenBrook}|∅|∅|Merton|Morden Brook Primary School|Primary|{MertonUkprn}", $"{Merton}|3152001|315|Merton|Other LA Primary|Primary|{MertonUkprn}"],
            EtlWarehouse.Rows(c, $"SELECT urn, laestab, la_code, la_name, name, phase, la_ukprn FROM schools WHERE urn IN ({MordenBrook}, {Merton}) ORDER BY urn DESC"));
        Assert.Equal(SuttonUkprn, ServedLocalAuthority.ReadUkprn(c));
        Assert.Equal(2, c.Scalar<long>($"SELECT count(*) FROM session_totals WHERE urn IN ({MordenBrook}, {Merton})"));
    }

    [Theory]
    [InlineData(LaPopulation.LaSchools, 7, 90, 16)]
    [InlineData(LaPopulation.Residents, 8, 100, 17)]
    [InlineData(LaPopulation.ResidentsElsewhere, 2, 20, 2)]
    [InlineData(LaPopulation.NonResidents, 1, 10, 1)]
    [InlineData(LaPopulation.LaSchoolsOrResidents, 9, 110, 18)]
    public void EachPopulation_HasItsHandCheckedFigures(LaPopulation population, long enrolments, long possible, long absent)
    {
        using var w = new EtlWarehouse();
        w.Load(ResidentsElsewhere.Write(w));
        using var c = w.Open();
        foreach (var fromRollup in new[] { true, false })
        {
            var la = Assert.Single(MeasureQuery.Run(c, new MeasureRequest(Autumn1) { LaPopulation = population }, fromRollup: fromRollup)).Values;
            Assert.Equal((enrolments, possible, absent), (la.Enrolments, la.PossibleSessions, la.OverallAbsenceSessions));
        }
        // A day range reads its edge days from the marks and totals: the same population there.
        var days = Assert.Single(MeasureQuery.Run(c, new MeasureRequest(Period.Range(new DateOnly(2025, 9, 3), new DateOnly(2025, 9, 12))) { LaPopulation = population })).Values;
        Assert.Equal((enrolments, possible, absent), (days.Enrolments, days.PossibleSessions, days.OverallAbsenceSessions));
    }

    [Theory]
    [InlineData(LaPopulation.Residents)]
    [InlineData(LaPopulation.ResidentsElsewhere)]
    [InlineData(LaPopulation.LaSchoolsOrResidents)]
    public void ADayRangeThroughAWeekOfTotals_IsRefusedForAResidencyPopulation_WhateverThePhase(LaPopulation population)
    {
        // The residents elsewhere are at primary schools; had the refusal followed the phase, its absence for secondary
        // would tell a protected role that no resident elsewhere was known only as totals in secondary that week.
        using var w = new EtlWarehouse();
        w.Load(ResidentsElsewhere.Write(w));
        using var c = w.Open();
        var midWeek = Period.Range(new DateOnly(2025, 9, 9), new DateOnly(2025, 9, 10));
        foreach (var phase in new[] { "Primary", "Secondary" })
            Assert.Throws<SessionTotalsPeriodException>(() => MeasureQuery.Run(c, new MeasureRequest(midWeek) { LaPopulation = population, Phase = phase }));
    }

    [Fact]
    public void TheLasOwnFigures_AreUnchangedByLoadingItsResidentsElsewhere()
    {
        using var plain = new EtlWarehouse();
        plain.Load(plain.HandChecked);
        using var withResidents = new EtlWarehouse();
        withResidents.Load(ResidentsElsewhere.Write(withResidents));
        var shapes = new[]
        {
            new MeasureRequest(Autumn1),
            new MeasureRequest(Autumn1) { GroupBy = MeasureGrouping.Phase },
            new MeasureRequest(Autumn1) { GroupBy = MeasureGrouping.School },
            new MeasureRequest(Autumn1) { Grain = TimeGrain.Week },
            new MeasureRequest(Autumn1) { Population = Population.Cohort, Cohorts = ["LOOKED_AFTER"] },
        };
        using var a = plain.Open();
        using var b = withResidents.Open();
        foreach (var shape in shapes)
            Assert.Equal(MeasureQuery.Run(a, shape).Select(Comparable), MeasureQuery.Run(b, shape).Select(Comparable));
    }

    // Not the cell keys: each warehouse draws its own record keys.
    private static object Comparable(MeasureRow r) => (r.Urn, r.Phase, r.BucketStart, r.Cohort, r.Values with { CodeSessions = null },
        string.Join(',', r.Values.CodeSessions?.OrderBy(x => x.Key).Select(x => $"{x.Key}={x.Value}") ?? []));

    [Fact]
    public void BadResidentRows_AreRejectedWithFileLineColumnAndReason_AndNothingIsLoaded()
    {
        using var w = new EtlWarehouse();
        var dir = ResidentsElsewhere.Write(w);
        File.WriteAllText(Path.Combine(dir, "dfe-resident-pupils.csv"), string.Join("\n",
            Header,
            Row(R1, MordenBrook, "Morden Brook Primary School", "10,8,0,1,1"),                  // 2: fine
            Row(R2, 160002, "", "10,10,0,0,0"),                                                 // 3: an unknown school without its name
            Row(P1, 160003, "Hillside Primary", "10,10,0,0,0", home: MertonUkprn),               // 4: lives where the school is: not a resident row
            Row(P2, 160004, "Cliff Primary", "10,10,0,0,0", phase: ""),                          // 5: an unknown school without its phase
            Row(P4, 160005, "Vale Primary", "10,10,0,0,0", school: "1000031")) + "\n");          // 6: a UKPRN of 7 digits
        var e = Assert.Throws<BatchRejectedException>(() => w.Load(dir));

        Assert.Equal(
            [(3L, "school_name", RejectionReason.MissingValue), (4L, "unique_reference_number", RejectionReason.UnknownSchool),
             (5L, "phase", RejectionReason.MissingValue), (6L, "school_local_authority_ukprn", RejectionReason.BadCharacteristic)],
            e.Report.AllExamples.Where(r => Path.GetFileName(r.File) == "dfe-resident-pupils.csv").Select(r => (r.Line, r.Column, r.Reason)).OrderBy(r => r.Line).ToList());
        Assert.Null(w.Current);

        // Skipping them loads the valid row and its school, and no school of a rejected row.
        var skipped = w.Load(new LoadOptions(LaCode: 319) { SkipInvalid = true }, dir);
        Assert.Equal(4, skipped.Report.AllExamples.Count(r => Path.GetFileName(r.File) == "dfe-resident-pupils.csv"));
        using var c = w.Open();
        Assert.Equal([$"{MordenBrook}"], EtlWarehouse.Rows(c, "SELECT urn FROM schools WHERE urn >= 160000 ORDER BY urn"));
    }
}

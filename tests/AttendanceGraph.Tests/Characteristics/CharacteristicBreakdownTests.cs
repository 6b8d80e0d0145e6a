using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Characteristics;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Characteristics;

/// <summary>
/// Breakdowns by characteristic over <see cref="HandCheckedAuthority"/> (Autumn 1 2025, compulsory age), worked by hand.
/// Enrolments (possible/absent): P1 Alpha 16/0 F WBRI; P2 Alpha 16/2 M APKN EAL SLCN; P4 Beta 16/8 M WROM EAL SEMH;
/// P5 Beta 10/1 F WBRI lives in Merton; P6 Beta 4/1 and Gamma 12/1 M ethnicity and EAL unknown; P7 Gamma 16/3 F BAFR EAL ASD.
/// PA: P2 (12.5%), P4 (50%, also SA), P5 (10%), P6@Beta (25%), P7 (18.75%); P6@Gamma (8.3%) is not.
/// Columns compared: enrolments, possible, absent, PA, SA.
/// </summary>
[Collection(HandCheckedCollection.Name)]
public sealed class CharacteristicBreakdownTests(HandCheckedWarehouse warehouse)
{
    private static readonly Period Autumn1 = Period.ForHalfTerm(new AcademicYear(2025), Term.Autumn, 1);

    private Dictionary<string, (long, long, long, long, long)> By(Characteristic c, MeasureRequest? shape = null)
    {
        using var con = warehouse.Open();
        return MeasureQuery.Run(con, (shape ?? new MeasureRequest(Autumn1)) with { Breakdown = c })
            .ToDictionary(r => r.Group!, r => Figures(r.Values));
    }

    private static (long, long, long, long, long) Figures(MeasureValues v) =>
        (v.Enrolments, v.PossibleSessions, v.OverallAbsenceSessions, v.PersistentAbsenceEnrolments, v.SevereAbsenceEnrolments);

    [Fact]
    public void Sex()
    {
        // F: P1 16/0, P5 10/1 (PA), P7 16/3 (PA). M: P2 16/2 (PA), P4 16/8 (PA, SA), P6 4/1 (PA) and 12/1.
        Assert.Equal(new Dictionary<string, (long, long, long, long, long)>
        {
            ["F"] = (3, 42, 4, 2, 0),
            ["M"] = (4, 48, 12, 3, 1),
        }, By(Characteristic.Sex));
    }

    [Fact]
    public void EthnicityAndMajorGroup_WithTheUnknownGroupKept()
    {
        Assert.Equal(new Dictionary<string, (long, long, long, long, long)>
        {
            ["WHITE"] = (3, 42, 9, 2, 1),    // P1, P4 (Gypsy/Roma), P5
            ["ASIAN"] = (1, 16, 2, 1, 0),    // P2
            ["BLACK"] = (1, 16, 3, 1, 0),    // P7
            ["UNKNOWN"] = (2, 16, 2, 1, 0),  // P6 at both schools: no ethnicity loaded
        }, By(Characteristic.EthnicityMajor));
        var codes = By(Characteristic.Ethnicity);
        Assert.Equal((2L, 26L, 1L, 1L, 0L), codes["WBRI"]);
        Assert.Equal((1L, 16L, 8L, 1L, 1L), codes["WROM"]);
        Assert.Equal(["APKN", "BAFR", "UNKNOWN", "WBRI", "WROM"], codes.Keys.Order());
    }

    [Fact]
    public void EalSenNeedResidencyAndYearGroup()
    {
        Assert.Equal(new Dictionary<string, (long, long, long, long, long)>
        {
            ["OTHER_THAN_ENGLISH"] = (3, 48, 13, 3, 1), // P2, P4, P7
            ["ENGLISH"] = (2, 26, 1, 1, 0),             // P1, P5
            ["UNKNOWN"] = (2, 16, 2, 1, 0),             // P6 ("U" at Beta, nothing at Gamma)
        }, By(Characteristic.Eal));
        Assert.Equal(new Dictionary<string, (long, long, long, long, long)>
        {
            ["NONE"] = (4, 42, 3, 2, 0),  // P1, P5, P6 twice
            ["SLCN"] = (1, 16, 2, 1, 0),
            ["SEMH"] = (1, 16, 8, 1, 1),
            ["ASD"] = (1, 16, 3, 1, 0),
        }, By(Characteristic.SenNeed));
        Assert.Equal(new Dictionary<string, (long, long, long, long, long)>
        {
            ["RESIDENT"] = (6, 80, 15, 4, 1),
            ["NOT_RESIDENT"] = (1, 10, 1, 1, 0), // P5; P6's latest row (Gamma) says Sutton
        }, By(Characteristic.Residency));
        Assert.Equal(new Dictionary<string, (long, long, long, long, long)>
        {
            ["3"] = (4, 58, 11, 3, 1),
            ["6"] = (2, 16, 2, 1, 0),
            ["8"] = (1, 16, 3, 1, 0),
        }, By(Characteristic.YearGroup));
    }

    [Fact]
    public void BySchoolAndPerPupil()
    {
        using var con = warehouse.Open();
        var gamma = MeasureQuery.Run(con, new MeasureRequest(Autumn1) { Breakdown = Characteristic.Sex, GroupBy = MeasureGrouping.School, Urns = [Gamma] })
            .ToDictionary(r => r.Group!, r => Figures(r.Values));
        Assert.Equal((1L, 12L, 1L, 0L, 0L), gamma["M"]);   // P6 at Gamma
        Assert.Equal((1L, 16L, 3L, 1L, 0L), gamma["F"]);   // P7
        // Per pupil (Virtual School): P6 is one unit, 16 possible, 2 absent (12.5%: PA).
        var pupils = By(Characteristic.Sex, new MeasureRequest(Autumn1) { Unit = MeasureUnit.Pupil });
        Assert.Equal((3L, 48L, 12L, 3L, 1L), pupils["M"]);
    }

    [Fact]
    public void EveryGroupSumsToTheCell_AndAFilterIsItsGroupsRow()
    {
        using var con = warehouse.Open();
        var all = Figures(Assert.Single(MeasureQuery.Run(con, new MeasureRequest(Autumn1))).Values);
        foreach (var c in Enum.GetValues<Characteristic>())
        {
            var groups = By(c);
            Assert.Equal(all, groups.Values.Aggregate((0L, 0L, 0L, 0L, 0L), (s, g) => (s.Item1 + g.Item1, s.Item2 + g.Item2, s.Item3 + g.Item3, s.Item4 + g.Item4, s.Item5 + g.Item5)));
            Assert.All(groups.Keys, g => Assert.NotNull(CharacteristicCatalogue.Label(c, g)));
            foreach (var (group, figures) in groups)
            {
                var filtered = MeasureQuery.Run(con, new MeasureRequest(Autumn1) { Filter = new CharacteristicFilter(c, group), CellKeys = true });
                var keyed = MeasureQuery.Run(con, new MeasureRequest(Autumn1) { Breakdown = c, CellKeys = true }).Single(r => r.Group == group);
                Assert.Equal(figures, Figures(Assert.Single(filtered).Values));
                Assert.Equal(keyed.Keys, filtered[0].Keys);
            }
        }
    }

    [Fact]
    public void ABreakdownOfACohortAndOfTheRest()
    {
        using var con = warehouse.Open();
        // Looked after: P6 at Gamma from 8 Sep (10 possible, 1 U); the rest of the M row loses those sessions.
        var cohort = MeasureQuery.Run(con, new MeasureRequest(Autumn1) { Population = Population.Cohort, Cohorts = ["LOOKED_AFTER"], Breakdown = Characteristic.Sex });
        var row = Assert.Single(cohort);
        Assert.Equal(("M", 10L, 1L), (row.Group, row.Values.PossibleSessions, row.Values.OverallAbsenceSessions));
        var rest = MeasureQuery.Run(con, new MeasureRequest(Autumn1) { Population = Population.RestOfPupils, Cohorts = ["LOOKED_AFTER"], Breakdown = Characteristic.Sex })
            .ToDictionary(r => r.Group!, r => r.Values.PossibleSessions);
        Assert.Equal(38L, rest["M"]);
        Assert.Equal(42L, rest["F"]);
    }
}

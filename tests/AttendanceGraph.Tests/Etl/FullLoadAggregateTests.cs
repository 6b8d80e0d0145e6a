using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// A first load counts both aggregates from the registers in memory (FirstLoadAggregates); on a generated LA, full
/// of mid-week cohort starts and ends, moves and re-enrolments, the result must be row for row what the SQL
/// definition gives by counting every mark. So must it when marks are rejected on the way, when legacy codes are
/// mapped, and when the warehouse already knew the pupils.
/// </summary>
public sealed class FullLoadAggregateTests
{
    [Fact]
    public void FirstLoadOfAGeneratedLa_HasAggregatesEqualToCountingEveryMark()
    {
        using var warehouse = new EtlWarehouse();
        var input = warehouse.NewFolder("generated");
        new DemoAuthorityGenerator().Generate(new GeneratorOptions
        {
            Schools = 4, Pupils = 600, Years = 1, Seed = 11, AsOf = new DateOnly(2026, 2, 27),
        }, input);
        warehouse.Load(input);
        using var c = warehouse.Open();
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    [Fact]
    public void FirstLoadSkippingDuplicatesAndMappingLegacyCodes_HasAggregatesEqualToCountingEveryMark()
    {
        using var w = new EtlWarehouse();
        var extra = w.WriteMarks(Path.Combine(w.NewFolder("extra"), "marks-late-returns.csv"),
        [
            (P1, Alpha, Days[0], "AM", "I"),                   // another code for a marked session: both rejected, neither loads
            (P1, Alpha, new DateOnly(2025, 9, 15), "AM", "H"), // pre-2024 H (holiday) is stored as C
            (P1, Alpha, new DateOnly(2025, 9, 15), "PM", "/"),
        ]);
        var result = w.Load(new LoadOptions(LaCode: 319, AllowLegacyCodes: true, SkipInvalid: true), w.HandChecked, extra);
        Assert.Equal(2, result.Report.Count(AttendanceGraph.Etl.Model.RejectionReason.ConflictingMarks));
        Assert.Equal(2, result.Report.TotalRejected);
        using var c = w.Open();
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }

    [Fact]
    public void FirstMarksIntoAWarehouseThatAlreadyHasThePupils_HaveAggregatesEqualToCountingEveryMark()
    {
        using var w = new EtlWarehouse();
        var withoutMarks = w.NewFolder("directory-pupils-cohorts");
        foreach (var f in Directory.GetFiles(w.HandChecked).Where(f => Path.GetFileName(f) != "marks.csv"))
            File.Copy(f, Path.Combine(withoutMarks, Path.GetFileName(f)));
        w.Load(withoutMarks);
        w.Load(Path.Combine(w.HandChecked, "marks.csv"));
        using var c = w.Open();
        EtlWarehouse.AssertAggregatesEqualFullRebuild(c);
    }
}

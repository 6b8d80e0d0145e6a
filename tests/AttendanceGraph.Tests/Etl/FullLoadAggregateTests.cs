using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// A first load builds the cohort aggregate partly from the enrolment aggregate (fragments wholly inside a cohort
/// interval) and partly from the marks; on a generated LA, full of mid-week cohort starts and ends, the result
/// must be row for row what counting every mark gives.
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
}

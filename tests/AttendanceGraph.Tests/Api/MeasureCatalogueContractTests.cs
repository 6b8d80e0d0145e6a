using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Schema.Measures;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Tests.Api;

/// <summary>Every measure in the catalogue reaches every place a measure is published, and nothing else does.</summary>
[Collection(HandCheckedApiCollection.Name)]
public sealed class MeasureCatalogueContractTests(HandCheckedApi api)
{
    private static readonly string[] CatalogueNames = MeasureCatalogue.All.Select(m => m.Name).ToArray();

    private ISchema Schema()
    {
        var schema = api.Factory.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        return schema;
    }

    [Theory]
    [InlineData("Measures")]
    [InlineData("MeasureTableRow")]
    public void MeasureFieldsOfEachType_AreExactlyTheCatalogueInItsOrder(string typeName)
    {
        var type = (IComplexGraphType)Schema().AllTypes[typeName]!;
        var measureFields = type.Fields.Select(f => f.Name).Where(n => CatalogueNames.Contains(n) || n.EndsWith("Rate") || n.EndsWith("Sessions") || n.EndsWith("Enrolments") || n == "enrolments");
        Assert.Equal(CatalogueNames, measureFields);
    }

    [Fact]
    public void MeasureEnum_HasOneValuePerCatalogueMeasure()
    {
        var values = ((EnumerationGraphType)Schema().AllTypes["Measure"]!).Values.Select(v => v.Name);
        Assert.Equal(MeasureCatalogue.All.Select(m => m.EnumName), values);
        Assert.Contains("PERSISTENT_ABSENCE_RATE", values);
        Assert.Contains("LATE_SESSIONS", values);
    }

    [Fact]
    public void GeneratedSql_HasAColumnForEveryCount()
    {
        var (sql, _) = MeasureQuery.Build(new MeasureRequest(AttendanceGraph.Schema.Calendar.Period.Range(new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 30))));
        foreach (var count in MeasureCatalogue.Counts) Assert.Contains($" AS {count.Name}", sql);
    }

    [Fact]
    public void EveryRate_IsWithheldWithItsNumeratorOrDenominator()
    {
        var values = new MeasureValues(20, 400, 360, 30, 10, 40, 5, 4, 1);
        foreach (var rate in MeasureCatalogue.Rates)
        {
            Assert.NotNull(DisclosedMeasures.Open(values).Rate(rate));
            Assert.Null(new DisclosedMeasures(values, rate.Numerator.Field).Rate(rate));
            Assert.Null(new DisclosedMeasures(values, rate.Denominator.Field).Rate(rate));
        }
        // 40 of 400 possible sessions; 4 of 20 enrolments persistently absent.
        Assert.Equal(10.0, MeasureCatalogue.OverallAbsenceRate.Of(values));
        Assert.Equal(20.0, MeasureCatalogue.PersistentAbsenceRate.Of(values));
    }
}

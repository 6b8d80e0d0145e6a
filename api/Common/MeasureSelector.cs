using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Api.Common;

/// <summary>A measure as a Measure enum value (sorting, filtering, ranking, series), derived from <see cref="MeasureCatalogue"/>.</summary>
public sealed record MeasureSelector(string Name, string Description, Measure Measure, bool HigherIsWorse)
{
    public static readonly IReadOnlyList<MeasureSelector> All = MeasureCatalogue.All.Select(Of).ToList();

    /// <summary>The measures a benchmark ranks a school on.</summary>
    public static readonly IReadOnlyList<MeasureSelector> Headline = MeasureCatalogue.Headline.Select(Of).ToList();

    public static MeasureSelector Named(string name) => All.First(m => m.Name == name);

    /// <summary>The measure's value as published (null when withheld): what filters, sorts and ranks compare.</summary>
    public double? Value(DisclosedMeasures published) => Measure switch
    {
        CountMeasure count => published.Count(count.Field),
        RateMeasure rate => published.Rate(rate),
        _ => null,
    };

    private static MeasureSelector Of(Measure m) => new(m.EnumName, m.Description, m, m.HigherIsWorse);
}

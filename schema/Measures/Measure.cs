namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// One published measure: its GraphQL field name (the Measure enum value and BI column are derived from it), what it
/// means, and whether a higher value is worse (for ranking and direction of travel).
/// </summary>
public abstract record Measure(string Name, string Description, bool HigherIsWorse)
{
    /// <summary>The Measure enum value: <c>persistentAbsenceRate</c> → <c>PERSISTENT_ABSENCE_RATE</c>.</summary>
    public string EnumName => string.Concat(Name.Select(ch => char.IsUpper(ch) ? "_" + ch : char.ToUpperInvariant(ch).ToString()));

    /// <summary>The measure's value for sorting, filtering and ranking (counts as doubles).</summary>
    public abstract double? ValueOf(MeasureValues values);
}

/// <summary>
/// An additive count: a session count (<see cref="Sessions"/>), a number of enrolments meeting a threshold
/// (<see cref="Threshold"/>), or the enrolments themselves (neither). <see cref="Field"/> names it for disclosure
/// control; its <see cref="Measure.Name"/> is also its column in generated SQL.
/// </summary>
public sealed record CountMeasure(string Name, string Description, bool HigherIsWorse, MeasureField Field, Func<MeasureValues, long> Of)
    : Measure(Name, Description, HigherIsWorse)
{
    public SessionCount? Sessions { get; init; }
    public EnrolmentThreshold? Threshold { get; init; }

    public override double? ValueOf(MeasureValues values) => Of(values);
}

/// <summary>A percentage of two counts, null with no denominator; withheld whenever either count is.</summary>
public sealed record RateMeasure(string Name, string Description, bool HigherIsWorse, CountMeasure Numerator, CountMeasure Denominator)
    : Measure(Name, Description, HigherIsWorse)
{
    public double? Of(MeasureValues values) => MeasureValues.Percent(Numerator.Of(values), Denominator.Of(values));

    /// <summary>The rate as published from <paramref name="values"/>: withheld whenever its numerator or denominator is among <paramref name="withheld"/>.</summary>
    public double? Of(MeasureValues values, MeasureField withheld) =>
        (withheld & (Numerator.Field | Denominator.Field)) != 0 ? null : Of(values);

    public override double? ValueOf(MeasureValues values) => Of(values);
}

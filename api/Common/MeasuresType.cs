using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Measures;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

/// <summary>
/// The one measures type used everywhere (DfE methodology; rates are percentages). Aggregates arrive as
/// <see cref="DisclosedMeasures"/> from <see cref="ProtectedAggregates"/>; a bare MeasureValues is a pupil's own figures
/// (pupil-level fields), and under disclosure control it publishes nothing, so no field can publish a cell unprotected.
/// </summary>
public sealed class MeasuresType : ObjectGraphType<object>
{
    public MeasuresType()
    {
        Name = "Measures";
        Description = "DfE absence measures. Rates are percentages of possible sessions (PA and SA: of enrolments); null with no denominator. "
            + "Under disclosure control (bi-reader; a school reading other schools) enrolment, PA and SA counts are perturbed by the cell-key method (never 1–5) and PA and SA rates come from them; "
            + "session counts and the per-code breakdown are never published (null; listed in suppressedFields), and session rates are the true rates plus cell-key noise (up to half a pupil's share), to one decimal place, withheld below 10 published enrolments.";
        MeasureFields.AddTo(this, Published);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CodeMeasureType>>>>("codes")
            .Description("Sessions by register code, with each as % of possible sessions. Only codes with sessions are listed (none when withheld, " +
                         "or where some sessions were loaded as weekly totals: see registerDetailUnavailable).")
            .Resolve(c => Published(c) is var d && d.CodesPublished ? CodeMeasure.From(d.Values) : []);
        Field<NonNullGraphType<BooleanGraphType>>("suppressed")
            .Description("True when disclosure control withheld any figure here (always, under disclosure control: session counts are never published).")
            .Resolve(c => Published(c).AnySuppressed);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("suppressedFields")
            .Description("The counts withheld. Their rates are null too, except session rates under disclosure control, published rounded to one decimal place from 10 published enrolments.")
            .Resolve(c => Published(c).SuppressedNames);
    }

    /// <summary>The figures as this request may see them.</summary>
    public static DisclosedMeasures Published(IResolveFieldContext c) => c.Source switch
    {
        DisclosedMeasures d => d,
        MeasureValues v => c.Access().DisclosureControl ? new DisclosedMeasures(v, MeasureField.All) : DisclosedMeasures.Open(v),
        _ => throw new InvalidOperationException($"Measures resolved from {c.Source?.GetType().Name ?? "null"}"),
    };
}

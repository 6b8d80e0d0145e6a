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
            + "Under disclosure control counts are perturbed by the cell-key method (never 1–5), session figures and their rates are withheld (null, listed in suppressedFields) below 10 published enrolments, and rates come from the published counts.";
        MeasureFields.AddTo(this, Published);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CodeMeasureType>>>>("codes")
            .Description("Sessions by register code, with each as % of possible sessions. Only codes with sessions are listed (none when withheld).")
            .Resolve(c => Published(c) is var d && d.IsSuppressed(MeasureField.CodeSessions) ? [] : CodeMeasure.From(d.Values));
        Field<NonNullGraphType<BooleanGraphType>>("suppressed")
            .Description("True when disclosure control withheld any figure here (session figures of a cell with under 10 published enrolments).")
            .Resolve(c => Published(c).AnySuppressed);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("suppressedFields")
            .Description("The counts withheld (rates computed from them are null too).")
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

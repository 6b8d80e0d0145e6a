using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Measures;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

/// <summary>
/// The one measures type used everywhere (DfE methodology; rates are percentages). Its source is a MeasureValues or
/// a <see cref="DisclosedMeasures"/> decided by a group; under disclosure control a bare MeasureValues still gets
/// primary suppression here, so no field can publish a small count unprotected.
/// </summary>
public sealed class MeasuresType : ObjectGraphType<object>
{
    public MeasuresType()
    {
        Name = "Measures";
        Description = "DfE absence measures. Rates are percentages of possible sessions (PA and SA: of enrolments); null with no denominator. "
            + "Under disclosure control a withheld figure is null and listed in suppressedFields.";
        MeasureFields.AddTo(this, Published);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CodeMeasureType>>>>("codes")
            .Description("Sessions by register code, with each as % of possible sessions. Only codes with sessions are listed (none when withheld).")
            .Resolve(c => Published(c) is var d && d.IsSuppressed(MeasureField.CodeSessions) ? [] : CodeMeasure.From(d.Values));
        Field<NonNullGraphType<BooleanGraphType>>("suppressed")
            .Description("True when disclosure control withheld any figure here (small counts of 1–5, or to stop recovery by subtraction).")
            .Resolve(c => Published(c).AnySuppressed);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("suppressedFields")
            .Description("The counts withheld (rates computed from them are null too).")
            .Resolve(c => Published(c).SuppressedNames);
    }

    /// <summary>The figures as this request may see them.</summary>
    public static DisclosedMeasures Published(IResolveFieldContext c) => c.Source switch
    {
        DisclosedMeasures d => d,
        MeasureValues v => c.Access().DisclosureControl ? DisclosureRules.Cell(v) : DisclosedMeasures.Open(v),
        _ => throw new InvalidOperationException($"Measures resolved from {c.Source?.GetType().Name ?? "null"}"),
    };
}

using GraphQL.Types;
using GraphQL.Validation.Complexity;

namespace AttendanceGraph.Api.Security;

/// <summary>
/// Prices the field through which a query enters pupil-level data (<c>tsmPack</c>, <c>virtualSchool.pupils</c>,
/// <c>pupil</c>, and any field declared with <see cref="FieldAccess.RequiresPupilAccess(FieldType, string?)"/>) at
/// a share of the complexity cap, so one request holds at most <c>fieldsPerRequest</c> of them. Each reads and
/// audits every pupil in its scope (a TSM pack measures the whole school), which list multipliers cannot see:
/// 1,000 aliased <c>tsmPack</c> passed the complexity check, computed and audited hundreds of packs and timed out.
/// Fields beneath a pupil-level field are priced as usual; the entry field already paid for the read.
/// </summary>
public static class PupilFieldCost
{
    public const int DefaultFieldsPerRequest = 4;

    private static readonly Func<FieldImpactContext, FieldComplexityResult> Default = new ComplexityOptions().DefaultComplexityImpactDelegate;

    /// <returns>A price for <c>GraphQLEndpointOptions.FieldCost</c>: a share of MaxComplexity, null for other fields.</returns>
    public static Func<FieldImpactContext, FieldComplexityResult?> Within(int fieldsPerRequest) => context =>
    {
        if (context.Configuration.MaxComplexity is not { } cap || !IsPupilLevel(context.FieldDefinition) || UnderPupilLevel(context))
        {
            return null;
        }
        // N + 1 shares: N entry fields leave one share for everything else the request selects.
        return new(cap / (fieldsPerRequest + 1.0), Default(context).ChildImpactMultiplier);
    };

    private static bool IsPupilLevel(FieldType field) => field.GetMetadata(FieldAccess.PupilKey, false);

    private static bool UnderPupilLevel(FieldImpactContext context)
    {
        for (var parent = context.Parent; parent is { } field; parent = field.Parent)
        {
            if (IsPupilLevel(field.FieldDefinition))
            {
                return true;
            }
        }
        return false;
    }
}

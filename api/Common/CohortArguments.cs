using AttendanceGraph.Schema.Cohorts;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace AttendanceGraph.Api.Common;

/// <summary>
/// How a field is told whose sessions count: <c>cohort</c>, the enum of the statutory cohorts (unchanged, so existing
/// documents keep working), or <c>cohortKey</c>, any key the <c>cohorts</c> query lists, statutory or declared by the LA.
/// An enum cannot grow when an LA loads a cohort without changing the published SDL, so the LA's cohorts are addressed by
/// key: the schema stays the same whatever cohorts a warehouse holds.
/// </summary>
public static class CohortArguments
{
    public const string KeyArgument = "cohortKey";

    public static FieldBuilder<TSource, TReturn> CohortArgs<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field,
        string cohortDescription = "Whose sessions count.", bool defaultAllPupils = true)
    {
        field.Argument<CohortEnum>("cohort", a =>
        {
            if (defaultAllPupils) a.DefaultValue = CohortEnum.AllPupils;
            a.Description = cohortDescription;
        });
        return field.Argument<StringGraphType>(KeyArgument,
            "A cohort by its key, as the `cohorts` query lists them: a statutory cohort or one the LA declared (e.g. \"YOUNG_CARERS\"). " +
            "Instead of `cohort`; an unknown key is an UNKNOWN_COHORT error.");
    }

    /// <summary>
    /// The cohort the arguments name (<see cref="CohortEnum.AllPupils"/> when none). A key this snapshot does not measure is
    /// refused with the same error whatever the reason, so the answer never tells which keys exist elsewhere.
    /// </summary>
    public static string CohortKey(this IResolveFieldContext c)
    {
        var fromEnum = c.GetArgument("cohort", CohortEnum.AllPupils);
        if (c.GetArgument<string?>(KeyArgument) is not { } keyText) return fromEnum;
        // Read only when a key is given: the snapshot's catalogue, not the code's, says what can be measured.
        var key = c.Data().Facts.Cohorts.FirstOrDefault(k => k.Key == AttendanceGraph.Schema.Cohorts.CohortKey.Normalise(keyText))?.Key
            ?? throw UnknownCohort(keyText);
        if (fromEnum != CohortEnum.AllPupils && fromEnum != key)
            throw new ExecutionError($"cohort {fromEnum} and cohortKey \"{key}\" name different cohorts; give one of them") { Code = "BAD_COHORT" };
        return key;
    }

    private static ExecutionError UnknownCohort(string key) =>
        new($"no cohort with key \"{(key.Length > 40 ? key[..40] + "…" : key)}\" can be measured here; the cohorts query lists those that can")
            { Code = "UNKNOWN_COHORT" };
}

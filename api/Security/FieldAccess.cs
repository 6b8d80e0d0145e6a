using GraphQL.Builders;
using GraphQL.Types;

namespace AttendanceGraph.Api.Security;

/// <summary>
/// How a field declares who may resolve it. The declarations are metadata only; <see cref="AccessControlMiddleware"/>
/// enforces them for every field, so a new field is protected by adding one call where it is defined.
/// </summary>
public static class FieldAccess
{
    internal const string RolesKey = "attendancegraph:roles";
    internal const string PupilKey = "attendancegraph:pupil";
    internal const string SchoolArgumentKey = "attendancegraph:schoolArgument";
    internal const string SchoolSourceKey = "attendancegraph:schoolSource";

    /// <summary>Only these roles may resolve the field.</summary>
    public static FieldBuilder<TSource, TReturn> RequiresRole<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, params string[] roles)
    {
        field.FieldType.RequiresRole(roles);
        return field;
    }

    public static FieldType RequiresRole(this FieldType field, params string[] roles)
    {
        field.Metadata[RolesKey] = roles;
        return field;
    }

    /// <summary>
    /// The field returns pupil-level data: bi-reader (and any role without pupil access) gets FORBIDDEN. When
    /// <paramref name="schoolArgument"/> names an Int argument holding a URN, the school role may only pass its own.
    /// The resolver must still read through <see cref="AttendanceGraph.Api.Pupils.PupilAccess.Read{T}"/>, which authorises
    /// the read and audits the UPNs it returns, and its query must keep to the pupils the user may see (virtual-school:
    /// only its cohorts).
    /// </summary>
    public static FieldBuilder<TSource, TReturn> RequiresPupilAccess<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string? schoolArgument = null)
    {
        field.FieldType.RequiresPupilAccess(schoolArgument);
        return field;
    }

    public static FieldType RequiresPupilAccess(this FieldType field, string? schoolArgument = null)
    {
        field.Metadata[PupilKey] = true;
        if (schoolArgument is not null) field.Metadata[SchoolArgumentKey] = schoolArgument;
        return field;
    }

    /// <summary>The Int argument <paramref name="argument"/> (when given) names a school: the school role may only name its own.</summary>
    public static FieldBuilder<TSource, TReturn> ScopedToSchoolArgument<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string argument = "urn")
    {
        field.FieldType.Metadata[SchoolArgumentKey] = argument;
        return field;
    }

    /// <summary>Every field of <paramref name="type"/> belongs to the school <paramref name="urnOf"/> returns: the school role only sees its own.</summary>
    public static TType ScopedToSchool<TType>(this TType type, Func<object?, int?> urnOf) where TType : IComplexGraphType
    {
        type.Metadata[SchoolSourceKey] = urnOf;
        return type;
    }

    public static bool IsPupilLevel(this FieldType field) => field.GetMetadata(PupilKey, false);
}

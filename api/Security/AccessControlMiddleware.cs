using GraphQL;
using GraphQL.Instrumentation;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Api.Security;

/// <summary>Enforces the <see cref="FieldAccess"/> declarations on every field before it resolves.</summary>
public sealed class AccessControlMiddleware : IFieldMiddleware
{
    public ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var field = context.FieldDefinition;
        var roles = field.GetMetadata<string[]?>(FieldAccess.RolesKey);
        var pupil = field.IsPupilLevel();
        var schoolArgument = field.GetMetadata<string?>(FieldAccess.SchoolArgumentKey);
        var schoolSource = context.ParentType.GetMetadata<Func<object?, int?>?>(FieldAccess.SchoolSourceKey);
        if (roles is null && !pupil && schoolArgument is null && schoolSource is null) return next(context);

        var user = context.RequestServices!.GetRequiredService<AccessContext>().User;
        var role = user.Role ?? "(none)";
        if (roles is not null && !roles.Contains(user.Role))
            throw new ForbiddenError($"{field.Name} is not available to the {role} role (needs {string.Join(" or ", roles)})");
        if (pupil && !Roles.PupilLevel.Contains(user.Role))
            throw new ForbiddenError($"{field.Name} is pupil-level data, which the {role} role may not see");
        if (user.IsSchool && schoolArgument is not null && context.GetArgument<int?>(schoolArgument) is { } urn && urn != user.Urn)
            throw new ForbiddenError($"the school role may only ask {field.Name} about its own school (URN {user.Urn})");
        if (user.IsSchool && schoolSource is not null && schoolSource(context.Source) is { } owner && owner != user.Urn)
            throw new ForbiddenError($"{context.ParentType.Name}.{field.Name} of another school is not available to the school role");
        return next(context);
    }
}

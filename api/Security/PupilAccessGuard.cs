using AttendanceGraph.Api.Audit;
using AttendanceGraph.Api.Pupils;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Pupils;
using GraphQL;

namespace AttendanceGraph.Api.Security;

/// <summary>
/// The application's <see cref="IPupilReadGuard"/>: every pupil-level read is authorised for the request's user with
/// <see cref="PupilAccessPolicy"/> before the warehouse is touched, and written to the access audit afterwards.
/// <list type="bullet">
/// <item>la-lead: every read.</item>
/// <item>school: its own school's TSM pack and newly absent pupils; one pupil's record only for a pupil on its roll at some time in the read's period,
/// and then only the dates of its own enrolments and its own marks.</item>
/// <item>virtual-school: the virtual-school pupil lists; one pupil's record only for a pupil looked-after, previously
/// looked-after, CIN or CPP at some time in the read's period, and then only the dates of those memberships; a school's
/// TSM pack is FORBIDDEN (its counts describe every pupil of the school; the role's pupils are listed, wherever on roll,
/// by <c>virtualSchool { pupils }</c>).</item>
/// <item>bi-reader and any other role: nothing.</item>
/// </list>
/// A read without a period (a pupil's identity, enrolments, cohort memberships) is checked over all time. An allowed read
/// returns the user's <see cref="PupilViewer"/>, which clips what is read to the pupil's visible windows. Refusals are
/// <see cref="ForbiddenError"/>s on the field; their messages never name a pupil, and an unknown pupil or school gets the
/// same refusal as a forbidden one.
/// </summary>
public sealed class PupilAccessGuard(AccessContext access, PupilAccessPolicy policy, IPupilAccessAudit audit) : IPupilReadGuard
{
    /// <summary>The period a read that is not bounded in time is checked over.</summary>
    public static Period AllTime { get; } = Period.Range(new DateOnly(1900, 1, 1), new DateOnly(9999, 12, 31));

    public PupilViewer Authorize(IResolveFieldContext context, PupilRead read)
    {
        var user = access.User;
        var role = user.Role ?? "(none)";
        if (!Roles.PupilLevel.Contains(user.Role) || PupilAccessPolicy.ViewerFor(user) is not { } viewer)
            throw new ForbiddenError($"{context.FieldDefinition.Name} is pupil-level data, which the {role} role may not see");
        if (user.IsLaLead) return viewer;
        switch (read.Kind)
        {
            case PupilReadKind.TsmPack or PupilReadKind.NewlyAbsent:
                if (user.IsVirtualSchool)
                    throw new ForbiddenError("a school's TSM pack is not available to the virtual-school role: its pupils are listed by virtualSchool { pupils }");
                if (read.Urn is not { } urn || !policy.MaySeeSchoolPupils(user, urn))
                    throw new ForbiddenError($"the school role may only see its own school's TSM pack (URN {user.Urn})");
                return viewer;
            case PupilReadKind.VirtualSchoolPupils:
                if (!user.IsVirtualSchool)
                    throw new ForbiddenError($"virtual-school pupil lists are not available to the {role} role (needs la-lead or virtual-school)");
                return viewer;
            default:
                if (read.Upn is not { } upn || !policy.MaySeePupil(user, upn, read.Period ?? AllTime))
                    throw new ForbiddenError(user.IsSchool
                        ? $"{context.FieldDefinition.Name}: the school role may only see pupils on its own roll (URN {user.Urn}) in the period asked about"
                        : $"{context.FieldDefinition.Name}: the virtual-school role may only see pupils looked-after, previously looked-after, "
                          + "child in need or on a child protection plan in the period asked about");
                return viewer;
        }
    }

    public void Audit(IResolveFieldContext context, PupilRead read, IReadOnlyCollection<string> upns) =>
        audit.Record(access.User, AuditExtensions.OperationOf(context), upns);
}

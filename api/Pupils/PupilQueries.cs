using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Api.Tsm;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Schema.Pupils;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

/// <summary>Root fields for pupil-level data: a school's TSM pack and one pupil's record.</summary>
public static class PupilQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<TsmPackType>("tsmPack")
            .Description("A school's Targeting Support Meeting pack for a period: pupils severely absent (≥50%), persistently absent (≥10%) " +
                         "or at risk (attendance 90% to under 95%, or falling), with reasons, cohorts, change and patterns. " +
                         "Null for an unknown school when the role may see any school's pack; FORBIDDEN otherwise, known or not.")
            .Argument<NonNullGraphType<IntGraphType>>("urn")
            .PatternArgs()
            .RequiresPupilAccess(schoolArgument: "urn")
            .Resolve(c =>
            {
                var urn = c.GetArgument<int>("urn");
                var options = c.PatternOptions();
                var store = c.RequestServices!.GetRequiredService<WarehousePaths>().OperationalStore;
                var followUps = SelectionInspector.Selects(c, "lastAgreedAction");
                var school = c.Data().Facts.School(urn);
                // An unknown school answers null only after the read is authorised: a role refused the pack gets the same FORBIDDEN either way.
                return PupilAccess.Read(c, new PupilRead(PupilReadKind.TsmPack, Urn: urn, Period: options.Period),
                    (db, viewer) =>
                    {
                        if (school is null) return null;
                        var pack = new TsmPack(school, options, SessionTotalsRefusal.AsPeriodError(() => c.Data().PupilRows(db, new PupilScope.School(urn), options, viewer)));
                        return followUps
                            ? pack with { FollowUps = AgreedActionFollowUps.Load(db, viewer, store, urn, options.End, pack.Pupils.Select(p => p.Upn)) }
                            : pack;
                    },
                    p => p?.Measured.Select(x => x.Upn) ?? []);
            });

        query.Field<PupilRecordType>("pupil")
            .Description("One pupil's record by UPN: enrolments, cohort memberships, weekly attendance and marks, each only within visibleWindows. " +
                         "Null when not known (la-lead); FORBIDDEN for other roles, whether unknown or not theirs to see.")
            .Argument<NonNullGraphType<StringGraphType>>("upn")
            .RequiresPupilAccess()
            .Resolve(c =>
            {
                var upn = c.GetArgument<string>("upn").Trim().ToUpperInvariant();
                return PupilAccess.Read(c, new PupilRead(PupilReadKind.PupilIdentity, Upn: upn),
                    (db, viewer) => PupilRecordQuery.Find(db, viewer, upn) is { } identity
                        ? new PupilRecord(identity, PupilRecordQuery.Windows(db, viewer, identity.PupilId))
                        : null,
                    p => p is null ? [] : [p.Identity.Upn]);
            });
    }
}

using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Pupils;
using AttendanceGraph.Schema.Warehouse;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

/// <summary>The root field behind the needs-attention list's "newly persistently or severely absent since the previous load".</summary>
public static class NewlyAbsentQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NewlyAbsentType>("newlyAbsent")
            .Description("A school's pupils who became persistently (≥10%) or severely (≥50%) absent in the academic year to date since the previous load. " +
                         "Same access as the school's TSM pack: null for an unknown school when the role may see any school's pupils; FORBIDDEN otherwise.")
            .Argument<NonNullGraphType<IntGraphType>>("urn")
            .RequiresPupilAccess(schoolArgument: "urn")
            .Resolve(c =>
            {
                var urn = c.GetArgument<int>("urn");
                var data = c.Data();
                var asOf = data.Facts.LastMarkUpTo(data.Today);
                var loads = data.Query(db => BatchCoverage.Latest(db, 2));
                var previous = loads.Count > 1 && loads[1].MarksTo is not null && asOf is not null ? loads[1] : null;
                // Authorised over the year to date the read covers, like a TSM pack over its period.
                var day = asOf ?? data.Today;
                var read = new PupilRead(PupilReadKind.NewlyAbsent, Urn: urn, Period: Period.Range(AcademicYear.Containing(day).Start, day));
                var school = data.Facts.School(urn);
                return PupilAccess.Read(c, read,
                    (db, viewer) =>
                    {
                        if (school is null) return null;
                        var pupils = previous is null ? [] : SessionTotalsRefusal.AsPeriodError(() => NewlyAbsentQuery.Run(db, urn, day, previous.MarksTo!.Value, viewer));
                        return new NewlyAbsent(school, loads[0], previous, day, pupils);
                    },
                    r => r?.Pupils.Select(p => p.Now.Upn) ?? []);
            });
    }
}

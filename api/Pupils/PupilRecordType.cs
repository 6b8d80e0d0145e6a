using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Pupils;
using GraphQL;
using GraphQL.Types;

namespace AttendanceGraph.Api.Pupils;

public sealed class PupilRecordType : ObjectGraphType<PupilRecord>
{
    public const int MaxMarksPage = 500;

    public PupilRecordType()
    {
        Name = "Pupil";
        Description = "One pupil's record. Every part is pupil-level data, read through the pupil-access chokepoint.";
        Field<NonNullGraphType<StringGraphType>>("upn").Resolve(c => c.Source.Identity.Upn);
        Field<NonNullGraphType<DateOnlyGraphType>>("dateOfBirth").Resolve(c => c.Source.Identity.DateOfBirth);
        Field<NonNullGraphType<StringGraphType>>("sex").Resolve(c => c.Source.Identity.Sex);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PupilEnrolmentType>>>>("enrolments")
            .Resolve(c => Read(c, PupilReadKind.PupilEnrolments, null, db => PupilRecordQuery.Enrolments(db, c.Source.Identity.PupilId)));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PupilCohortMembershipType>>>>("cohortMemberships")
            .Resolve(c => Read(c, PupilReadKind.PupilCohortMemberships, null, db => PupilRecordQuery.Memberships(db, c.Source.Identity.Upn)));

        Field<ListGraphType<NonNullGraphType<PupilWeekType>>>("weeklyAttendance")
            .Description("Week by week at each school (from the weekly aggregates). Null with a FORBIDDEN error when the role may not see the pupil in that period.")
            .Argument<PeriodInputType>("period", "Omitted, the latest academic year with possible sessions up to today.")
            .Resolve(c =>
            {
                var period = c.Period();
                return Read(c, PupilReadKind.PupilWeeklyAttendance, period, db => PupilRecordQuery.Weeks(db, c.Source.Identity.PupilId, period.Start, period.End));
            });

        Field<PupilMarkConnectionType>("marks")
            .Description($"Register marks from 'from' to 'to' inclusive, in date order (at most {MaxMarksPage} a page). Null with a FORBIDDEN error when the role may not see the pupil in that range.")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("from")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("to")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .Resolve(c =>
            {
                var from = c.GetArgument<DateOnly>("from");
                var to = c.GetArgument<DateOnly>("to");
                if (to < from) throw new PeriodException($"the range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
                var marks = Read(c, PupilReadKind.PupilMarks, Period.Range(from, to), db => PupilRecordQuery.Marks(db, c.Source.Identity.PupilId, from, to));
                return Paging.Page(marks, c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), null, null, MaxMarksPage, MaxMarksPage);
            });

        foreach (var field in Fields) field.RequiresPupilAccess();
    }

    private static T Read<T>(IResolveFieldContext<PupilRecord> c, PupilReadKind kind, Period? period, Func<DuckDB.NET.Data.DuckDBConnection, T> query) =>
        PupilAccess.Read(c, new PupilRead(kind, Upn: c.Source.Identity.Upn, Period: period), query, _ => [c.Source.Identity.Upn]);
}

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
        Description = "One pupil's record. Every part is pupil-level data, read through the pupil-access chokepoint, and holds only what lies " +
                      "inside visibleWindows: a school sees only its own enrolments' dates and marks, the virtual school only the dates in a qualifying cohort " +
                      "(and, inside a previously looked-after window, only the LA's schools).";
        Field<NonNullGraphType<StringGraphType>>("upn").Resolve(c => c.Source.Identity.Upn);
        Field<NonNullGraphType<DateOnlyGraphType>>("dateOfBirth").Resolve(c => c.Source.Identity.DateOfBirth);
        Field<NonNullGraphType<StringGraphType>>("sex").Resolve(c => c.Source.Identity.Sex);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DateWindowType>>>>("visibleWindows")
            .Description("The dates the caller may see this pupil in (la-lead: one unbounded window; a school: its enrolments; the virtual school: " +
                         "the pupil's looked-after, child-in-need and child-protection memberships, and previously looked-after ones while on roll at one of the LA's " +
                         "schools). Every other field is clipped to them.")
            .Resolve(c => c.Source.Windows);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PupilEnrolmentType>>>>("enrolments")
            .Description("Enrolments cut to visibleWindows (one entry per visible part); a school sees only its own.")
            .Resolve(c => Read(c, PupilReadKind.PupilEnrolments, null, (db, viewer) => PupilRecordQuery.Enrolments(db, viewer, c.Source.Identity.PupilId)));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PupilCohortMembershipType>>>>("cohortMemberships")
            .Description("Cohort memberships cut to visibleWindows.")
            .Resolve(c => Read(c, PupilReadKind.PupilCohortMemberships, null, (db, viewer) => PupilRecordQuery.Memberships(db, viewer, c.Source.Identity.PupilId)));

        Field<ListGraphType<NonNullGraphType<PupilWeekType>>>("weeklyAttendance")
            .Description("Week by week at each school, from the marks on the days of the period inside visibleWindows (each week's servedWindows), " +
                         "and the weeks known only as DfE weekly totals (measures.registerDetailUnavailable says so; a period cutting such a week is " +
                         "BAD_PERIOD). Null with a FORBIDDEN error when the role may not see the pupil on any day of the period.")
            .Argument<PeriodInputType>("period", "Omitted, the latest academic year with possible sessions up to today.")
            .Resolve(c =>
            {
                var period = c.Period();
                return Read(c, PupilReadKind.PupilWeeklyAttendance, period,
                    (db, viewer) => PupilRecordQuery.Weeks(db, viewer, c.Source.Identity.PupilId, period.Start, period.End, c.Source.Windows));
            });

        Field<PupilMarkConnectionType>("marks")
            .Description($"Register marks from 'from' to 'to' inclusive on the days inside visibleWindows (servedWindows), in date order (at most {MaxMarksPage} a page); " +
                         "weeks known only as DfE weekly totals have none (see weeklyAttendance). " +
                         "Null with a FORBIDDEN error when the role may not see the pupil on any day of that range.")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("from")
            .Argument<NonNullGraphType<DateOnlyGraphType>>("to")
            .Argument<IntGraphType>("first").Argument<StringGraphType>("after")
            .Resolve(c =>
            {
                var from = c.GetArgument<DateOnly>("from");
                var to = c.GetArgument<DateOnly>("to");
                DateArguments.RequireSupported("from", from);
                DateArguments.RequireSupported("to", to);
                if (to < from) throw new PeriodException($"the range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
                var marks = Read(c, PupilReadKind.PupilMarks, Period.Range(from, to), (db, viewer) => PupilRecordQuery.Marks(db, viewer, c.Source.Identity.PupilId, from, to));
                return PupilMarksPage.From(Paging.Page(marks, c.GetArgument<int?>("first"), c.GetArgument<string?>("after"), null, null, MaxMarksPage, MaxMarksPage),
                    DateWindow.Clip(c.Source.Windows, from, to));
            });

        foreach (var field in Fields) field.RequiresPupilAccess();
    }

    private static T Read<T>(IResolveFieldContext<PupilRecord> c, PupilReadKind kind, Period? period, Func<DuckDB.NET.Data.DuckDBConnection, PupilViewer, T> query) =>
        PupilAccess.Read(c, new PupilRead(kind, Upn: c.Source.Identity.Upn, Period: period), query, _ => [c.Source.Identity.Upn]);
}

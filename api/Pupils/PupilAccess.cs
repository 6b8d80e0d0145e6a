using AttendanceGraph.Api.Common;
using AttendanceGraph.Schema.Pupils;
using DuckDB.NET.Data;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Api.Pupils;

/// <summary>
/// The single chokepoint for pupil-level data: every resolver that returns data about identifiable pupils (TSM pack,
/// virtual-school pupil lists, one pupil's record) reads the warehouse through <see cref="Read{T}"/>, which asks the
/// registered <see cref="IPupilReadGuard"/> to authorise the read first and to audit it after. Without a guard the read is
/// refused: pupil data is never served unguarded. The query is handed the <see cref="PupilViewer"/> the guard returns, and
/// pupil-level queries are written over its visible views, so they read nothing outside the caller's windows (the dates
/// and, for a school, the enrolments it may see). Nothing here logs pupil data.
/// </summary>
public static class PupilAccess
{
    public static T Read<T>(IResolveFieldContext context, PupilRead read, Func<DuckDBConnection, PupilViewer, T> query, Func<T, IEnumerable<string>> upns)
    {
        var guard = context.RequestServices?.GetService<IPupilReadGuard>()
            ?? throw new InvalidOperationException("no IPupilReadGuard is registered: pupil-level data is not served unguarded");
        var viewer = guard.Authorize(context, read);
        // A period that cuts through a week known only as DfE totals is a BAD_PERIOD on every pupil-level read, as on the aggregates.
        var result = Common.SessionTotalsRefusal.AsPeriodError(() => context.Data().Query(db => query(db, viewer)));
        guard.Audit(context, read, upns(result).Distinct(StringComparer.Ordinal).ToList());
        return result;
    }
}

using AttendanceGraph.Api.Common;
using DuckDB.NET.Data;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace AttendanceGraph.Api.Pupils;

/// <summary>
/// The single chokepoint for pupil-level data: every resolver that returns data about identifiable pupils (TSM pack,
/// virtual-school pupil lists, one pupil's record) reads the warehouse through <see cref="Read{T}"/>, which asks the
/// registered <see cref="IPupilReadGuard"/> to authorise the read first and to audit it after. Without a guard the read is
/// refused: pupil data is never served unguarded. Nothing here logs pupil data.
/// </summary>
public static class PupilAccess
{
    public static T Read<T>(IResolveFieldContext context, PupilRead read, Func<DuckDBConnection, T> query, Func<T, IEnumerable<string>> upns)
    {
        var guard = context.RequestServices?.GetService<IPupilReadGuard>()
            ?? throw new InvalidOperationException("no IPupilReadGuard is registered: pupil-level data is not served unguarded");
        guard.Authorize(context, read);
        var result = context.Data().Query(query);
        guard.Audit(context, read, upns(result).Distinct(StringComparer.Ordinal).ToList());
        return result;
    }
}

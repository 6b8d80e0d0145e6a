using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Pupils;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;

namespace AttendanceGraph.Api.Tsm;

/// <summary>
/// Loads, for the pupils of a school's TSM pack, each one's last agreed action at that school's meetings held on or
/// before the period end, and the attendance movement since (one operational-store query, and one warehouse query
/// when any of them has an action).
/// </summary>
public static class AgreedActionFollowUps
{
    public static IReadOnlyDictionary<string, AgreedActionFollowUp> Load(DuckDBConnection warehouse, PupilViewer viewer, string operationalStore, int urn,
        DateOnly end, IEnumerable<string> packUpns)
    {
        List<TsmPupilAction> actions;
        using (var db = OperationalDb.Open(operationalStore))
            actions = Actions(db, urn, end);
        // Only the pack's pupils can show their action: the marks read below then span their meetings, not the school's history.
        var inPack = packUpns.ToHashSet(StringComparer.Ordinal);
        var last = actions.Where(a => inPack.Contains(a.Upn)).GroupBy(a => a.Upn, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(a => a.Meeting!.Date).ThenByDescending(a => a.Meeting!.RecordedAt).ThenByDescending(a => a.Id).First())
            .ToList();
        if (last.Count == 0) return new Dictionary<string, AgreedActionFollowUp>();

        var from = last.Min(a => AgreedActionFollowUp.BeforeStart(a.Meeting!.Date, end));
        // The rates before and since compare marks, and the window before a meeting can reach past the pack's own lookback
        // (which the pack checks): a week of the school's known only as DfE totals would count as no sessions at all.
        if (SessionTotalsCoverage.AnyAtSchool(warehouse, urn, from, end))
            throw new SessionTotalsPeriodException(
                $"the attendance before and since the agreed actions is compared from {from:yyyy-MM-dd} to {end:yyyy-MM-dd}, and some of the " +
                "school's weeks then were loaded as weekly session totals (DfE pupil-level file), which have no marks: ask for the pack without " +
                "lastAgreedAction, or for a period whose meetings fall after those weeks");
        var upns = last.Select((a, i) => ($"u{i}", (object?)a.Upn)).ToList();
        var sql = viewer.Sql($"""
            SELECT p.upn, m.date, m.code_id FROM visible_marks m JOIN pupils p ON p.pupil_id = m.pupil_id
            WHERE m.urn = $urn AND m.date BETWEEN $from AND $to AND p.upn IN ({string.Join(", ", upns.Select(u => "$" + u.Item1))})
            """);
        var marks = warehouse.Rows(sql, [.. viewer.Parameters, ("urn", urn), ("from", from), ("to", end), .. upns])
            .Select(r => (Upn: r.GetString(0), Date: r.GetFieldValue<DateOnly>(1), Code: CodeCatalogue.Instance.ById(r.GetByte(2))))
            .Where(m => MeasureDefinitions.Possible.Includes(m.Code))
            .ToLookup(m => m.Upn, StringComparer.Ordinal);

        return last.ToDictionary(a => a.Upn, a =>
        {
            var meeting = a.Meeting!.Date;
            var beforeFrom = AgreedActionFollowUp.BeforeStart(meeting, end);
            var before = marks[a.Upn].Where(m => m.Date >= beforeFrom && m.Date < meeting).ToList();
            var since = marks[a.Upn].Where(m => m.Date >= meeting && m.Date <= end).ToList();
            return new AgreedActionFollowUp(a, meeting, beforeFrom, end,
                before.Count, before.Count(m => MeasureDefinitions.Attendance.Includes(m.Code)),
                since.Count, since.Count(m => MeasureDefinitions.Attendance.Includes(m.Code)));
        }, StringComparer.Ordinal);
    }

    /// <summary>
    /// The school's agreed actions from meetings up to <paramref name="end"/>, with their meetings. One query shape for the
    /// read and for the API's start (WarehouseStartup), which runs it once so EF Core has compiled it before the first pack.
    /// </summary>
    public static List<TsmPupilAction> Actions(OperationalDb db, int urn, DateOnly end) =>
        db.TsmPupilActions.Include(a => a.Meeting).Where(a => a.Meeting!.Urn == urn && a.Meeting.Date <= end).AsNoTracking().ToList();
}

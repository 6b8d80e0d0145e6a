using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Operational;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;

namespace AttendanceGraph.Api.Tsm;

/// <summary>
/// Loads, for a school's TSM pack, each pupil's last agreed action at that school's meetings held on or before the period
/// end, and the attendance movement since (one operational-store query, and one warehouse query when any action exists).
/// </summary>
public static class AgreedActionFollowUps
{
    public static IReadOnlyDictionary<string, AgreedActionFollowUp> Load(DuckDBConnection warehouse, string operationalStore, int urn, DateOnly end)
    {
        List<TsmPupilAction> actions;
        using (var db = OperationalDb.Open(operationalStore))
            actions = db.TsmPupilActions.Include(a => a.Meeting)
                .Where(a => a.Meeting!.Urn == urn && a.Meeting.Date <= end).AsNoTracking().ToList();
        var last = actions.GroupBy(a => a.Upn, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(a => a.Meeting!.Date).ThenByDescending(a => a.Meeting!.RecordedAt).ThenByDescending(a => a.Id).First())
            .ToList();
        if (last.Count == 0) return new Dictionary<string, AgreedActionFollowUp>();

        var from = last.Min(a => AgreedActionFollowUp.BeforeStart(a.Meeting!.Date, end));
        var upns = last.Select((a, i) => ($"u{i}", (object?)a.Upn)).ToList();
        var sql = $"""
            SELECT p.upn, m.date, m.code_id FROM marks m JOIN pupils p ON p.pupil_id = m.pupil_id
            WHERE m.urn = $urn AND m.date BETWEEN $from AND $to AND p.upn IN ({string.Join(", ", upns.Select(u => "$" + u.Item1))})
            """;
        var marks = warehouse.Rows(sql, [("urn", urn), ("from", from), ("to", end), .. upns])
            .Select(r => (Upn: r.GetString(0), Date: r.GetFieldValue<DateOnly>(1), Code: CodeCatalogue.Instance.ById(r.GetByte(2))))
            .Where(m => m.Code.IsPossibleSession)
            .ToLookup(m => m.Upn, StringComparer.Ordinal);

        return last.ToDictionary(a => a.Upn, a =>
        {
            var meeting = a.Meeting!.Date;
            var beforeFrom = AgreedActionFollowUp.BeforeStart(meeting, end);
            var before = marks[a.Upn].Where(m => m.Date >= beforeFrom && m.Date < meeting).ToList();
            var since = marks[a.Upn].Where(m => m.Date >= meeting && m.Date <= end).ToList();
            return new AgreedActionFollowUp(a, meeting, beforeFrom, end,
                before.Count, before.Count(m => m.Code.IsAttendance), since.Count, since.Count(m => m.Code.IsAttendance));
        }, StringComparer.Ordinal);
    }
}

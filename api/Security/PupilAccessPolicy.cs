using AttendanceGraph.Api.Data;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Api.Security;

/// <summary>
/// Answers "may this user see pupil X / school Y's pupils for this period". la-lead: everyone. school: pupils
/// with an enrolment at its URN overlapping the period. virtual-school: pupils who were looked-after, previously
/// looked-after or had a social worker at any time in the period, wherever on roll. bi-reader: no one.
/// Lookups run once per request and period on the request's warehouse snapshot.
/// </summary>
public sealed class PupilAccessPolicy(QueryContext data)
{
    /// <summary>The membership cohorts behind the virtual schools: the virtual-school role's pupils.</summary>
    public static IReadOnlyList<string> VirtualSchoolCohorts { get; } =
        ReportingCohort.VirtualSchools.SelectMany(c => c.MembershipCohorts).Distinct().ToList();

    private readonly Dictionary<string, IReadOnlySet<string>> cache = new();

    /// <summary>Whether the user may list school <paramref name="urn"/>'s pupils at all (virtual-school: only its cohorts among them).</summary>
    public bool MaySeeSchoolPupils(AttendanceUser user, int urn) =>
        user.IsLaLead || user.IsVirtualSchool || (user.IsSchool && user.Urn == urn);

    public bool MaySeePupil(AttendanceUser user, string upn, Period period) => Visible(user, [upn], period).Count == 1;

    /// <summary>The subset of <paramref name="upns"/> the user may see for <paramref name="period"/>.</summary>
    public IReadOnlyList<string> Visible(AttendanceUser user, IEnumerable<string> upns, Period period)
    {
        if (user.IsLaLead) return upns.ToList();
        if (user.IsSchool) return user.Urn is { } urn ? OnRoll(urn, upns, period) : [];
        IReadOnlySet<string>? allowed = user.Role switch
        {
            Roles.VirtualSchool => Lookup($"vs:{period.Start}:{period.End}", $"""
                SELECT DISTINCT upn FROM cohort_memberships
                WHERE cohort IN ({string.Join(", ", VirtualSchoolCohorts.Select((_, i) => $"$c{i}"))})
                  AND start_date <= $end AND (end_date IS NULL OR end_date >= $start)
                """, period, VirtualSchoolCohorts.Select((c, i) => ($"c{i}", (object?)c)).ToArray()),
            _ => null,
        };
        return allowed is null ? [] : upns.Where(allowed.Contains).ToList();
    }

    /// <summary>The subset of <paramref name="upns"/> with an enrolment at school <paramref name="urn"/> overlapping <paramref name="period"/>.</summary>
    public IReadOnlyList<string> OnRoll(int urn, IEnumerable<string> upns, Period period)
    {
        var roll = Lookup($"school:{urn}:{period.Start}:{period.End}", """
            SELECT DISTINCT p.upn FROM enrolments e JOIN pupils p ON p.pupil_id = e.pupil_id
            WHERE e.urn = $urn AND e.entry_date <= $end AND (e.leaving_date IS NULL OR e.leaving_date >= $start)
            """, period, ("urn", urn));
        return upns.Where(roll.Contains).ToList();
    }

    private IReadOnlySet<string> Lookup(string key, string sql, Period period, params (string, object?)[] extra)
    {
        lock (cache)
        {
            if (cache.TryGetValue(key, out var hit)) return hit;
            var parameters = extra.Append(("start", period.Start)).Append(("end", period.End)).ToArray();
            var set = data.Query(c => c.Rows(sql, parameters).Select(r => r.GetString(0)).ToHashSet(StringComparer.Ordinal));
            return cache[key] = set;
        }
    }
}

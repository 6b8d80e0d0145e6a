using AttendanceGraph.Schema.Pupils;

namespace AttendanceGraph.Api.Data;

/// <summary>
/// Pupil-level rows (<see cref="PupilAttendanceQuery"/>) of one scope, period and viewer on one snapshot, computed once.
/// A TSM pack or a Virtual School list is read a page of 100 pupils at a time (the dashboard, a BI tool), and each page
/// recomputed every pupil's patterns from the year's marks: a TSM pack page was 13 documents and 9.5 s of GraphQL at 38 M
/// marks. The viewer is part of the key, so rows computed for one role's windows are never served to another; each read
/// is still authorised and audited by PupilAccess before it reaches the cache. Held in memory for the current snapshot
/// only, a few entries (cleared when full), never written anywhere.
/// </summary>
public sealed class PupilRowsCache(int capacity = 32)
{
    private readonly SnapshotMemo<IReadOnlyList<PupilAttendanceRow>> memo = new(capacity);
    private long computed;

    /// <summary>How many times rows were computed rather than reused (tests and diagnostics).</summary>
    public long Computed => Interlocked.Read(ref computed);

    public IReadOnlyList<PupilAttendanceRow> GetOrRun(string snapshotName, PupilScope scope, PupilPatternOptions options, PupilViewer viewer,
        Func<IReadOnlyList<PupilAttendanceRow>> compute) =>
        memo.GetOrRun(snapshotName, $"{Describe(scope)}|{options}|{Describe(viewer)}", () =>
        {
            Interlocked.Increment(ref computed);
            return compute();
        });

    // Spelt out rather than the records' ToString, which prints a list's type, not its cohorts.
    private static string Describe(PupilScope scope) => scope switch
    {
        PupilScope.School s => $"school {s.Urn}",
        PupilScope.Cohort c => $"cohort {c.Key}{(c.AtLaSchoolsOnly ? " at the LA's schools" : "")}",
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    private static string Describe(PupilViewer viewer) => viewer switch
    {
        PupilViewer.Everyone => "everyone",
        PupilViewer.School s => $"school {s.Urn}",
        PupilViewer.Cohorts c => "cohorts " + string.Join(",", c.MembershipCohorts),
        _ => throw new ArgumentOutOfRangeException(nameof(viewer)),
    };
}

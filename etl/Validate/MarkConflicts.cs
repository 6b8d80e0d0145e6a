using System.Collections.Concurrent;
using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// Sessions marked more than once in one batch, resolved by a rule that does not depend on which parser thread got
/// there first. While streaming, the register keeps whichever mark its compare-and-swap saw first (thread timing:
/// 4 of 6 runs once kept one code, 2 of 6 the other) and every later one is only noted here as a suspect session.
/// If there are any, the files are parsed a second time to find every mark of those sessions, in the order given
/// and by line, and then:
/// <list type="bullet">
/// <item>all with the same code: the first is the one loaded, the later ones are rejected as <c>DuplicateMark</c>;</item>
/// <item>different codes: none is loaded; each is rejected as <c>ConflictingMarks</c>, naming every place
/// (file and line), and the mark the register kept is withdrawn. Which code is right is for the school to say,
/// in a later batch (a later batch's mark replaces an earlier one).</item>
/// </list>
/// Only the error path pays: a batch without repeats never parses twice and never touches this class.
/// </summary>
internal sealed class MarkConflicts
{
    /// <summary>
    /// Repeated sessions tracked at most: each costs ~0.5 KB with its lines kept for the messages, so this bounds
    /// the extra memory near 50 MB (a load peaks at ~0.5 GiB). Real corrections are a few hundred; beyond this a
    /// file was given twice under two names.
    /// </summary>
    public const int MaxSessions = 100_000;

    private readonly ConcurrentDictionary<(EnrolmentSlot Slot, int Day, int Session), int> suspects = new();
    private readonly ConcurrentDictionary<(EnrolmentSlot Slot, int Day, int Session), List<Occurrence>> found = new();
    private int overflowed;

    /// <summary>One mark of a suspect session, where it is and what it says.</summary>
    public sealed record Occurrence(int FileOrder, string File, long Line, byte CodeId, string Code, string RawLine);

    public bool IsEmpty => suspects.IsEmpty;

    /// <summary>More repeated sessions than can be tracked: the batch cannot be resolved and must be rejected.</summary>
    public bool Overflowed => Volatile.Read(ref overflowed) != 0;

    /// <summary>First pass: a mark found its session already marked. Thread-safe.</summary>
    public void Suspect(EnrolmentSlot slot, int day, int session, int pupilId)
    {
        if (suspects.Count >= MaxSessions) { Volatile.Write(ref overflowed, 1); return; }
        suspects.TryAdd((slot, day, session), pupilId);
    }

    /// <summary>Second pass: is this session one to locate every mark of?</summary>
    public bool IsSuspect(EnrolmentSlot slot, int day, int session) => suspects.ContainsKey((slot, day, session));

    /// <summary>Second pass: one mark of a suspect session. Thread-safe.</summary>
    public void Found(EnrolmentSlot slot, int day, int session, Occurrence at)
    {
        var list = found.GetOrAdd((slot, day, session), _ => []);
        lock (list) list.Add(at);
    }

    /// <summary>
    /// Applies the rule: reports the rejections and returns the marks to withdraw from what the sinks received.
    /// The registers of withdrawn sessions are cleared, so aggregates counted from them agree with the marks.
    /// </summary>
    public IReadOnlyList<WithdrawnMark> Resolve(ValidationReport report)
    {
        var withdrawn = new List<WithdrawnMark>();
        foreach (var ((slot, day, session), pupilId) in suspects.OrderBy(s => s.Value).ThenBy(s => s.Key.Slot.Urn)
                     .ThenBy(s => s.Key.Day).ThenBy(s => s.Key.Session))
        {
            var marks = found.TryGetValue((slot, day, session), out var list)
                ? list.OrderBy(o => o.FileOrder).ThenBy(o => o.Line).ToList() : [];
            // The second pass makes the same decisions as the first, so it finds every line the first pass saw.
            if (marks.Count < 2) throw new InvalidOperationException($"a repeated session was found {marks.Count} time(s) on the second pass");
            var when = $"{DateOnly.FromDayNumber(day):yyyy-MM-dd} {(session == 0 ? "AM" : "PM")} at school {slot.Urn}";
            var places = string.Join(", ", marks.Take(5).Select(m => $"{Path.GetFileName(m.File)} line {m.Line} ({LineExcerpt.Quote(m.Code)})")) +
                         (marks.Count > 5 ? $" and {marks.Count - 5} more" : "");
            if (marks.All(m => m.CodeId == marks[0].CodeId))
            {
                foreach (var m in marks.Skip(1))
                    report.Add(new Rejection(m.File, m.Line, "session", RejectionReason.DuplicateMark,
                        $"{when} is already marked {LineExcerpt.Quote(m.Code)} at {Path.GetFileName(marks[0].File)} line {marks[0].Line}, which is loaded", m.RawLine));
                continue;
            }
            foreach (var m in marks)
                report.Add(new Rejection(m.File, m.Line, "code", RejectionReason.ConflictingMarks,
                    $"{when} is marked differently in this batch: {places}; none of them is loaded", m.RawLine));
            slot.Unmark(day, session);
            withdrawn.Add(new WithdrawnMark(slot.Urn, pupilId, DateOnly.FromDayNumber(day), (byte)session));
        }
        return withdrawn;
    }
}

/// <summary>A mark a sink received and must not keep: its session turned out to be marked differently elsewhere in the batch.</summary>
public readonly record struct WithdrawnMark(int Urn, int PupilId, DateOnly Date, byte Session);

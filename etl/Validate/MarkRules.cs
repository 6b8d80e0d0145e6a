using System.Runtime.CompilerServices;
using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// Row rules of register marks (upn, school_urn, date, session, code), called by the marks parser
/// (etl/Read/MarksWorker) in this order: UPN (<see cref="UpnRules"/>), the date's range (<see cref="DateRules"/>),
/// the session, the code, the pupil's enrolment at the school on that day (<see cref="EnrolmentSlot"/>), the school
/// open that day (<see cref="MarksIndex"/>), one mark per session (<see cref="MarkConflicts"/>). The checks on the
/// hot path take spans and day numbers and allocate nothing; the messages are built only for a rejected row.
/// </summary>
public static class MarkRules
{
    /// <summary>AM or PM, any case: 0 for AM, 1 for PM.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TrySession(ReadOnlySpan<byte> s, out int session)
    {
        if (s.Length == 2 && (s[1] | 0x20) == 'm' && (s[0] | 0x20) is var s0 && (s0 == 'a' || s0 == 'p'))
        {
            session = s0 == 'a' ? 0 : 1;
            return true;
        }
        session = -1;
        return false;
    }

    public static RowProblem BadSession(string quoted) => new("session", RejectionReason.BadSession, $"session {quoted} is not AM or PM");

    /// <summary>A code not in force (nor, with legacy codes allowed, a pre-2024 one); says when it is a pre-2024 code.</summary>
    public static RowProblem UnknownCode(string code, bool legacyOnly, bool allowLegacy) => new("code", RejectionReason.UnknownCode,
        legacyOnly && !allowLegacy
            ? $"unknown code {LineExcerpt.Quote(code)} (a pre-2024 code: load history with legacy codes allowed)"
            : $"unknown code {LineExcerpt.Quote(code)}");

    public static RowProblem NoEnrolment(string upn) =>
        new("upn", RejectionReason.NoEnrolment, $"pupil {upn} has no enrolment (not in this batch or the warehouse)");

    public static RowProblem NoEnrolmentAt(string upn, int urn) =>
        new("school_urn", RejectionReason.NoEnrolment, $"pupil {upn} has no enrolment at school {urn}");

    public static RowProblem OutsideEnrolment(int dayNumber, string upn, int urn) => new("date", RejectionReason.DateOutsideEnrolment,
        $"{DateOnly.FromDayNumber(dayNumber):yyyy-MM-dd} is outside every enrolment of {upn} at school {urn}");
}

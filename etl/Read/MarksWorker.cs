using System.Runtime.CompilerServices;
using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;
using AttendanceGraph.Schema.Identifiers;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// Parses and validates one byte range of a marks file on one thread, feeding accepted marks to that thread's
/// sink. Works on raw UTF-8 bytes in a large buffer: no ReadLine, no Split, no string per field; dates parsed
/// from digits; the last pupil and enrolment slot are cached because files are clustered by pupil, and other
/// UPNs are looked up through a span-keyed alternate lookup. Line numbers are only worked out for rejections.
/// The row rules it applies, in order, are <see cref="MarkRules"/>'s; the worker only reads the fields.
/// </summary>
/// <remarks>
/// With <paramref name="locating"/> the worker makes the second pass of <see cref="MarkConflicts"/>: it records
/// where each mark of a suspect session is and sends nothing to its sink.
/// </remarks>
internal sealed class MarksWorker(MarksIndex index, CodeTable codes, ValidationReport report, IMarkSink sink,
    bool allowLegacy, SharedProgress progress, MarkConflicts conflicts, bool locating = false)
{
    private const int BufferSize = 1 << 20;
    private const int ProgressEvery = 1 << 16;

    private readonly byte[] lastUpn = new byte[Upn.Length];
    private int lastUpnLength = -1;
    private PupilEntry? lastPupil;
    private EnrolmentSlot? lastSlot;
    private int lastSlotUrn = -1;
    private int lastYearMonth = -1, lastMonthStartDay;
    private readonly int[] fieldStart = new int[5];
    private readonly int[] fieldLength = new int[5];

    // Error-path state for the current range.
    private MarksFile file = null!;
    private int fileOrder;
    private long rangeStart, rangeFirstLine = -1;

    public long Accepted { get; private set; }

    /// <param name="order">The file's place in the batch (the order given): conflicts are resolved by it.</param>
    public void Parse(MarksFile marksFile, int order, long start, long end, CancellationToken ct)
    {
        file = marksFile;
        fileOrder = order;
        rangeStart = start;
        rangeFirstLine = -1;
        if (end <= start) return;
        var roles = marksFile.Roles;
        var fieldCount = roles.Length;
        using var handle = File.OpenHandle(marksFile.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var buf = new byte[BufferSize];
        long bufOffset = start; // file offset of buf[0]
        var have = 0;
        long localLine = 0;     // lines of this range before the current one
        var sinceProgress = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var toRead = (int)Math.Min(buf.Length - have, end - (bufOffset + have));
            var eof = false;
            if (toRead > 0)
            {
                var n = RandomAccess.Read(handle, buf.AsSpan(have, toRead), bufOffset + have);
                eof = n == 0;
                have += n;
            }
            var last = eof || bufOffset + have >= end;
            var span = new ReadOnlySpan<byte>(buf, 0, have);
            var pos = 0;
            while (pos < have)
            {
                var nl = span[pos..].IndexOf((byte)'\n');
                int lineEnd;
                if (nl < 0)
                {
                    if (!last) break;
                    lineEnd = have;
                }
                else lineEnd = pos + nl;
                var line = span[pos..lineEnd];
                if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
                if (line.Length > 0) ProcessLine(line, roles, fieldCount, localLine);
                localLine++;
                pos = nl < 0 ? have : lineEnd + 1;
                if (++sinceProgress == ProgressEvery) { progress.Add(sinceProgress); sinceProgress = 0; }
            }
            if (last && pos >= have) break;
            if (pos == 0)
            {
                if (have == buf.Length) Array.Resize(ref buf, buf.Length * 2); // a line longer than the buffer
                continue;
            }
            buf.AsSpan(pos, have - pos).CopyTo(buf);
            bufOffset += pos;
            have -= pos;
        }
        progress.Add(sinceProgress);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> f) =>
        f.Length >= 2 && f[0] == (byte)'"' && f[^1] == (byte)'"' ? f[1..^1] : f;

    private void ProcessLine(ReadOnlySpan<byte> line, int[] roles, int fieldCount, long localLine)
    {
        // Split into fields, remembering only the five we use.
        var col = 0;
        var p = 0;
        var starts = fieldStart;
        var lengths = fieldLength;
        while (true)
        {
            var c = line[p..].IndexOf((byte)',');
            var fe = c < 0 ? line.Length : p + c;
            if (col < roles.Length && roles[col] is var role and >= 0) { starts[role] = p; lengths[role] = fe - p; }
            col++;
            if (c < 0) break;
            p = fe + 1;
        }
        if (col != fieldCount)
        {
            Reject(line, localLine, "", RejectionReason.WrongFieldCount, $"expected {fieldCount} fields, found {col}");
            return;
        }

        // UPN: the same pupil as the previous row is the common case.
        var upn = Unquote(line.Slice(starts[MarksFile.Upn], lengths[MarksFile.Upn]));
        PupilEntry? pupil;
        if (upn.Length == lastUpnLength && upn.SequenceEqual(lastUpn.AsSpan(0, lastUpnLength))) pupil = lastPupil;
        else
        {
            pupil = LookUp(upn);
            if (pupil is null)
            {
                if (upn.Length == 0) { Reject(line, localLine, RowProblem.Missing("upn")); return; }
                var why = UpnRules.Why(upn);
                if (why is not null) { Reject(line, localLine, UpnRules.Bad("upn", Text(upn), why)); return; }
            }
            else
            {
                upn.CopyTo(lastUpn);
                lastUpnLength = upn.Length;
                lastPupil = pupil;
                lastSlotUrn = -1;
            }
        }

        var urnField = Unquote(line.Slice(starts[MarksFile.Urn], lengths[MarksFile.Urn]));
        if (!TryDigits(urnField, out var urn))
        {
            if (urnField.Length == 0) Reject(line, localLine, "school_urn", RejectionReason.MissingValue, "school_urn is empty");
            else Reject(line, localLine, "school_urn", RejectionReason.BadNumber, $"{Quote(urnField)} is not a URN");
            return;
        }

        var dateField = Unquote(line.Slice(starts[MarksFile.Date], lengths[MarksFile.Date]));
        if (!TryDate(dateField, out var day))
        {
            if (dateField.Length == 0) Reject(line, localLine, "date", RejectionReason.MissingValue, "date is empty");
            else Reject(line, localLine, "date", RejectionReason.BadDate, $"{Quote(dateField)} is not a date (yyyy-mm-dd)");
            return;
        }
        if (!index.Dates.MarkDayAllowed(day))
        {
            var tooFar = index.Dates.MarkProblem(day);
            Reject(line, localLine, "date", tooFar.Reason, tooFar.Detail);
            return;
        }

        var s = Unquote(line.Slice(starts[MarksFile.Session], lengths[MarksFile.Session]));
        if (!MarkRules.TrySession(s, out var session)) { Reject(line, localLine, MarkRules.BadSession(Quote(s))); return; }

        var codeField = Unquote(line.Slice(starts[MarksFile.Code], lengths[MarksFile.Code]));
        var codeId = codes.Id(codeField);
        if (codeId == 0)
        {
            var text = Text(codeField);
            Reject(line, localLine, MarkRules.UnknownCode(text, codes.IsLegacyOnly(text), allowLegacy));
            return;
        }

        if (pupil is null)
        {
            Reject(line, localLine, MarkRules.NoEnrolment(Text(upn)));
            return;
        }
        EnrolmentSlot? slot;
        if (urn == lastSlotUrn) slot = lastSlot;
        else
        {
            slot = pupil.Slot(urn);
            lastSlot = slot;
            lastSlotUrn = urn;
        }
        if (slot is null)
        {
            Reject(line, localLine, MarkRules.NoEnrolmentAt(Text(upn), urn));
            return;
        }
        if (!slot.Covers(day))
        {
            Reject(line, localLine, MarkRules.OutsideEnrolment(day, Text(upn), urn));
            return;
        }
        if (!index.OpenOn(day, urn))
        {
            var weekend = MarksIndex.WeekendProblem(day, urn);
            Reject(line, localLine, "date", weekend.Reason, weekend.Detail);
            return;
        }
        if (locating)
        {
            if (conflicts.IsSuspect(slot, day, session))
                conflicts.Found(slot, day, session, new MarkConflicts.Occurrence(fileOrder, file.Path, LineOf(localLine), codeId, Text(codeField), Text(line)));
            return;
        }
        if (!slot.TryMark(day, session, codeId))
        {
            // Which of the repeats is kept must not depend on this thread's timing: MarkConflicts decides after the pass.
            conflicts.Suspect(slot, day, session, pupil.PupilId);
            return;
        }
        sink.Add(urn, pupil.PupilId, DateOnly.FromDayNumber(day), (byte)session, codeId);
        Accepted++;
    }

    private PupilEntry? LookUp(ReadOnlySpan<byte> upn)
    {
        if (upn.Length != Upn.Length) return null;
        Span<char> chars = stackalloc char[Upn.Length];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)upn[i];
        return index.ByUpnSpan.TryGetValue(chars, out var p) ? p : null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDigits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        if (s.Length is 0 or > 9) return false;
        foreach (var b in s)
        {
            var d = b - (byte)'0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }

    /// <summary>yyyy-mm-dd from digits to a DayNumber; the first day of the last month seen is cached.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryDate(ReadOnlySpan<byte> s, out int dayNumber)
    {
        dayNumber = 0;
        if (s.Length != 10 || s[4] != (byte)'-' || s[7] != (byte)'-') return false;
        uint y0 = (uint)(s[0] - '0'), y1 = (uint)(s[1] - '0'), y2 = (uint)(s[2] - '0'), y3 = (uint)(s[3] - '0');
        uint m0 = (uint)(s[5] - '0'), m1 = (uint)(s[6] - '0'), d0 = (uint)(s[8] - '0'), d1 = (uint)(s[9] - '0');
        if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9) return false;
        var year = (int)(y0 * 1000 + y1 * 100 + y2 * 10 + y3);
        var month = (int)(m0 * 10 + m1);
        var day = (int)(d0 * 10 + d1);
        var ym = year * 100 + month;
        if (ym != lastYearMonth)
        {
            if (year < 1 || month is < 1 or > 12) return false;
            lastMonthStartDay = new DateOnly(year, month, 1).DayNumber;
            lastYearMonth = ym;
        }
        if (day < 1 || day > 28 && day > DateTime.DaysInMonth(year, month)) return false;
        dayNumber = lastMonthStartDay + day - 1;
        return true;
    }

    private static string Text(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);

    /// <summary>A field as a rejection quotes it: a short excerpt of a long one.</summary>
    private static string Quote(ReadOnlySpan<byte> s) => LineExcerpt.Quote(Text(s));

    private void Reject(ReadOnlySpan<byte> line, long localLine, RowProblem problem) =>
        Reject(line, localLine, problem.Column, problem.Reason, problem.Detail);

    private void Reject(ReadOnlySpan<byte> line, long localLine, string column, RejectionReason reason, string detail)
    {
        report.Add(new Rejection(file.Path, LineOf(localLine), column, reason, detail, Text(line)));
    }

    private long LineOf(long localLine)
    {
        // Line numbers come from byte offsets only on the error path: count the newlines before this range once.
        if (rangeFirstLine < 0) rangeFirstLine = file.LineAt(rangeStart);
        return rangeFirstLine + localLine;
    }
}

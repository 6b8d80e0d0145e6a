using System.Text;
using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// What validation rejected, kept memory-bounded: a count per reason and the first
/// <see cref="MaxExamplesPerReason"/> rejections per reason. Every rejection is also streamed to the
/// rejects CSV when one was asked for. Thread-safe: the parallel marks parser reports from several threads
/// (only on the error path, so the lock costs nothing on valid rows).
/// </summary>
public sealed class ValidationReport
{
    public const int MaxExamplesPerReason = 5;

    private readonly object gate = new();
    private readonly long[] counts = new long[Enum.GetValues<RejectionReason>().Length];
    private readonly List<Rejection>[] examples;
    private readonly RejectsWriter? rejects;
    private long total;

    public ValidationReport(string? rejectsPath = null)
    {
        examples = new List<Rejection>[counts.Length];
        for (var i = 0; i < examples.Length; i++) examples[i] = [];
        if (rejectsPath is not null) rejects = new RejectsWriter(rejectsPath);
    }

    public bool HasErrors => Interlocked.Read(ref total) > 0;

    public long TotalRejected => Interlocked.Read(ref total);

    /// <summary>Path of the rejects CSV, when one is written.</summary>
    public string? RejectsPath => rejects?.Path;

    public void Add(Rejection rejection)
    {
        // The raw line is bounded here, once for every reader: the rejects file keeps a GIAS row whole, the
        // examples kept for messages a short excerpt.
        var forFile = rejection.RawLine.Length > LineExcerpt.RejectsFileLength
            ? rejection with { RawLine = LineExcerpt.Of(rejection.RawLine, LineExcerpt.RejectsFileLength) } : rejection;
        var forMessages = rejection.RawLine.Length > LineExcerpt.MessageLength
            ? rejection with { RawLine = LineExcerpt.Of(rejection.RawLine) } : rejection;
        lock (gate)
        {
            var r = (int)rejection.Reason;
            counts[r]++;
            total++;
            KeepExample(examples[r], forMessages);
            rejects?.Write(forFile);
        }
    }

    /// <summary>
    /// Keeps the earliest examples by (file, line), not the first reported: parser threads report in any
    /// order, and a summary should show the same first rows on every run.
    /// </summary>
    private static void KeepExample(List<Rejection> kept, Rejection r)
    {
        if (kept.Count < MaxExamplesPerReason)
        {
            var at = kept.FindIndex(k => Order(r, k) < 0);
            kept.Insert(at < 0 ? kept.Count : at, r);
            return;
        }
        if (Order(r, kept[^1]) >= 0) return;
        kept.RemoveAt(kept.Count - 1);
        KeepExample(kept, r);
    }

    private static int Order(Rejection a, Rejection b)
    {
        var c = string.CompareOrdinal(a.File, b.File);
        return c != 0 ? c : a.Line.CompareTo(b.Line);
    }

    public long Count(RejectionReason reason)
    {
        lock (gate) return counts[(int)reason];
    }

    /// <summary>Rejected rows per reason (only reasons that occurred).</summary>
    public IReadOnlyDictionary<RejectionReason, long> CountsByReason
    {
        get
        {
            lock (gate)
            {
                var d = new SortedDictionary<RejectionReason, long>();
                for (var i = 0; i < counts.Length; i++)
                    if (counts[i] > 0) d[(RejectionReason)i] = counts[i];
                return d;
            }
        }
    }

    /// <summary>The first examples of one reason, by file and line.</summary>
    public IReadOnlyList<Rejection> Examples(RejectionReason reason)
    {
        lock (gate) return examples[(int)reason].ToList();
    }

    /// <summary>All kept examples (at most <see cref="MaxExamplesPerReason"/> per reason).</summary>
    public IReadOnlyList<Rejection> AllExamples
    {
        get { lock (gate) return examples.SelectMany(e => e).ToList(); }
    }

    /// <summary>Counts per reason and the first examples of each, for people.</summary>
    public string ToSummary()
    {
        lock (gate)
        {
            var sb = new StringBuilder();
            if (total == 0) return "No rows rejected.";
            sb.Append(total).Append(total == 1 ? " row rejected" : " rows rejected").AppendLine(":");
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] == 0) continue;
                sb.Append("  ").Append((RejectionReason)i).Append(": ").Append(counts[i]).AppendLine();
                foreach (var e in examples[i]) sb.Append("    ").AppendLine(Describe(e));
                if (counts[i] > examples[i].Count)
                    sb.Append("    … and ").Append(counts[i] - examples[i].Count).AppendLine(" more");
            }
            if (rejects is not null) sb.Append("Every rejected row is in ").AppendLine(rejects.Path);
            return sb.ToString();
        }
    }

    /// <summary>
    /// Counts per reason and where the rejects file is, without examples: what the run log keeps, because examples
    /// quote rows, and pupil data never goes into a log.
    /// </summary>
    public string ToCountsSummary()
    {
        lock (gate)
        {
            if (total == 0) return "No rows rejected.";
            var reasons = Enumerable.Range(0, counts.Length).Where(i => counts[i] > 0).Select(i => $"{(RejectionReason)i} {counts[i]}");
            return $"{total} rejected: {string.Join(", ", reasons)}" + (rejects is null ? "" : $"; every rejected row is in {rejects.Path}");
        }
    }

    /// <summary>"marks.csv line 1234, column code: unknown code 'QQ'".</summary>
    public static string Describe(Rejection r)
    {
        var where = Path.GetFileName(r.File) + (r.Line > 0 ? $" line {r.Line}" : "");
        if (!string.IsNullOrEmpty(r.Column)) where += $", column {r.Column}";
        return $"{where}: {r.Detail}";
    }

    /// <summary>Flushes and closes the rejects file; the next rejection reopens it for appending.</summary>
    public void Flush()
    {
        lock (gate) rejects?.Close();
    }

    internal void EnsureRejectsFile()
    {
        lock (gate) rejects?.EnsureCreated();
    }
}

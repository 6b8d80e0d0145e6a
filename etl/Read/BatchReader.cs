using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Read;

/// <summary>
/// Entry point of the read → validate stage. Reads every input file (folders expand to their *.csv files),
/// recognises each file's kind from its header, parses and validates schools, enrolments, cohort memberships
/// and benchmarks into memory, and checks the marks files' headers and encoding. Marks themselves are
/// streamed later by <see cref="ReadBatch.StreamMarks"/> because there are tens of millions of them.
/// </summary>
public static class BatchReader
{
    public static ReadBatch Read(IReadOnlyList<string> filesOrFolders, ReadOptions options, ExistingWarehouseState existing)
    {
        ArgumentNullException.ThrowIfNull(filesOrFolders);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(existing);
        if (options.Threads < 1) throw new ArgumentOutOfRangeException(nameof(options), "Threads must be at least 1");

        var report = new ValidationReport(options.RejectsPath);
        report.EnsureRejectsFile();

        var recognised = new List<(string Path, InputKind Kind, string[] Header)>();
        foreach (var path in Expand(filesOrFolders, report))
        {
            var header = ReadHeader(path, report);
            if (header is null) continue;
            var kind = InputKinds.Recognise(header);
            if (kind is null && InputKinds.MissingSessionTotalsColumns(header) is { } missing)
            {
                report.Add(new Rejection(path, 1, missing[0], RejectionReason.MissingColumn,
                    $"a DfE pupil-level attendance file without the required column{(missing.Count > 1 ? "s" : "")} " +
                    $"{string.Join(", ", missing)}: the whole file is skipped", string.Join(",", header)));
                continue;
            }
            if (kind is null && InputKinds.MissingInYearColumns(header) is { } missingInYear)
            {
                report.Add(new Rejection(path, 1, missingInYear[0], RejectionReason.MissingColumn,
                    $"an EES in-year attendance file without the required column{(missingInYear.Count > 1 ? "s" : "")} " +
                    $"{string.Join(", ", missingInYear)}: the whole file is skipped", string.Join(",", header)));
                continue;
            }
            if (kind is null)
            {
                report.Add(new Rejection(path, 1, "", RejectionReason.UnrecognisedHeader,
                    InputKinds.DescribeMismatch(header), string.Join(",", header)));
                continue;
            }
            recognised.Add((path, kind.Value, header));
        }

        // Order matters: enrolments are checked against schools, marks against enrolments.
        var rowByRow = new[] { InputKind.Schools, InputKind.Enrolments, InputKind.CohortDefinitions, InputKind.CohortMemberships, InputKind.Benchmarks, InputKind.InYearBenchmarks, InputKind.SessionTotals }
            .SelectMany(kind => recognised.Where(r => r.Kind == kind)).ToList();
        // The marks files' one pass (their UTF-8 check and row count, a whole read of ~1.4 GB for a year of a large LA) runs
        // beside the other files' rows: it needs nothing of them, and each alone kept one core of two busy.
        var marksHeaders = recognised.Where(r => r.Kind == InputKind.Marks).ToList();
        var marksOpened = Task.Factory.StartNew(() => marksHeaders.Select(f => MarksFile.Open(f.Path, f.Header, report)).ToList(),
            TaskCreationOptions.LongRunning);
        SmallFileReaders ctx;
        var files = new List<InputFile>();
        try
        {
            ctx = new SmallFileReaders(options, existing, report,
                new Utf8ChecksAhead(rowByRow.Where(f => SmallFileReaders.ReadsAsUtf8(f.Kind)).Select(f => f.Path)));
            foreach (var f in rowByRow.Where(f => f.Kind != InputKind.SessionTotals))
            {
                var rows = ctx.ReadFile(f.Path, f.Kind);
                if (rows >= 0) files.Add(new InputFile(f.Path, f.Kind, rows));
            }
            // DfE files last, as their rows are checked against the batch's schools and pupils.
            var totalsFiles = rowByRow.Where(f => f.Kind == InputKind.SessionTotals).Select(f => f.Path).ToList();
            var totalsRows = ctx.ReadSessionTotals(totalsFiles);
            for (var i = 0; i < totalsFiles.Count; i++)
                if (totalsRows[i] >= 0) files.Add(new InputFile(totalsFiles[i], InputKind.SessionTotals, totalsRows[i]));
        }
        catch
        {
            // The marks' pass is waited for (and its own failure dropped) so that the read's failure is the one reported.
            try { marksOpened.Wait(); } catch (AggregateException) { }
            throw;
        }

        var marksFiles = new List<MarksFile>();
        foreach (var mf in marksOpened.GetAwaiter().GetResult())
        {
            if (mf is null) continue;
            marksFiles.Add(mf);
            files.Add(new InputFile(mf.Path, InputKind.Marks, mf.Rows));
        }

        ctx.FlushTotalsCharacteristics();
        ctx.AddEnrolmentsFromSessionTotals();
        report.Flush();
        return new ReadBatch(files, ctx, marksFiles, options, existing, report);
    }

    /// <summary>
    /// Files in the order given, folders expanded to their *.csv files by name; a file named twice is read once.
    /// A path that names nothing readable, or a folder without a *.csv file, is reported: every input given is
    /// either read or rejected, never silently left out.
    /// </summary>
    private static IEnumerable<string> Expand(IReadOnlyList<string> filesOrFolders, ValidationReport report)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in filesOrFolders)
        {
            if (Directory.Exists(p))
            {
                var files = Directory.GetFiles(p, "*.csv").Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0)
                    report.Add(new Rejection(p, 0, "", RejectionReason.UnreadableFile, "the folder holds no *.csv file", ""));
                foreach (var f in files)
                    if (seen.Add(Path.GetFullPath(f))) yield return f;
            }
            else if (File.Exists(p))
            {
                if (seen.Add(Path.GetFullPath(p))) yield return p;
            }
            else report.Add(new Rejection(p, 0, "", RejectionReason.UnreadableFile, UnreadablePath.Why(p, null), ""));
        }
    }

    /// <summary>
    /// The header row's column names, or null after reporting why the file has none we can use: unreadable,
    /// empty, in a foreign encoding, or naming a column twice. Headers are ASCII in every contract.
    /// </summary>
    private static string[]? ReadHeader(string path, ValidationReport report)
    {
        byte[] buf;
        int n;
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            buf = new byte[64 * 1024];
            n = fs.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report.Add(new Rejection(path, 0, "", RejectionReason.UnreadableFile, UnreadablePath.Why(path, e), ""));
            return null;
        }
        var span = buf.AsSpan(0, n);
        if (EncodingSniffer.Describe(span[..Math.Min(n, EncodingSniffer.SampleBytes)]) is { } encoding)
        {
            report.Add(new Rejection(path, 1, "", RejectionReason.WrongEncoding,
                $"the file is {encoding}; save it as UTF-8 (in Excel: CSV UTF-8) and load it again", ""));
            return null;
        }
        if (TextDecoding.HasUtf8Bom(span)) span = span[3..];
        var nl = span.IndexOf((byte)'\n');
        if (nl >= 0) span = span[..nl];
        var text = Encoding.Latin1.GetString(span).TrimEnd('\r');
        var csv = new CsvRecordReader(text);
        if (text.Trim().Length == 0 || !csv.Next())
        {
            report.Add(new Rejection(path, 1, "", RejectionReason.UnrecognisedHeader, "file is empty: no header row", ""));
            return null;
        }
        var header = csv.AllFields();
        if (HeaderRules.DuplicateColumns(header) is { } duplicates)
        {
            report.Add(new Rejection(path, 1, "", RejectionReason.DuplicateColumn, duplicates, text));
            return null;
        }
        return header;
    }
}

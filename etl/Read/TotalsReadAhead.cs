using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Read;

internal sealed partial class SmallFileReaders
{
    /// <summary>
    /// Reads a batch's DfE files with their fields parsed ahead on a thread of their own (<see cref="TotalsReadAhead"/>), and
    /// asks each row the rules that need the batch here, in file and line order. The rows per file, or -1 for a file
    /// skipped whole (not UTF-8), in the order given. With one thread (<see cref="ReadOptions.Threads"/>) each file is read
    /// here, row by row, as the other kinds are.
    /// </summary>
    public long[] ReadSessionTotals(IReadOnlyList<string> paths)
    {
        var rows = new long[paths.Count];
        if (options.Threads < 2 || paths.Count == 0)
        {
            for (var i = 0; i < paths.Count; i++) rows[i] = ReadFile(paths[i], InputKind.SessionTotals);
            return rows;
        }
        using var ahead = new TotalsReadAhead(paths, options, utf8Checks, Math.Min(options.Threads, TotalsReadAhead.MostReaders));
        var again = new CsvRecordReader("");
        RowContext? alone = null;
        var aloneFile = -1;
        RowContext Alone(TotalsReadAhead.Batch batch, in TotalsReadAhead.Row row)
        {
            if (aloneFile != batch.File)
            {
                alone = new RowContext(paths[batch.File], batch.Header!, again, report);
                aloneFile = batch.File;
            }
            again.ReadAgain(batch.TextOf(row), row.Line);
            return alone!;
        }
        var knownUrn = -1;
        var sized = false;
        while (ahead.Next() is { } batch)
        {
            if (!sized && batch.Count > 0)
            {
                // Room for every row at the first batch's bytes a row: grown by doubling, a year's list of ~4 million rows
                // was copied ~20 times into fresh memory the kernel had to clear.
                long lineChars = 0;
                for (var i = 0; i < batch.Count; i++) lineChars += batch.Rows[i].TextLength + 1;
                SessionTotals.EnsureCapacity(SessionTotals.Count + (int)Math.Min(int.MaxValue / 2, 1.02 * TotalBytes(paths) * batch.Count / lineChars));
                sized = true;
            }
            if (batch.BadEncoding is var (badLine, badOffset))
            {
                report.Add(Rejection.NotUtf8(paths[batch.File], badLine, badOffset));
                rows[batch.File] = -1;
            }
            for (var i = 0; i < batch.Count; i++)
            {
                ref readonly var row = ref batch.Rows[i];
                if (!row.Parsed)
                {
                    TotalsRowAlone(Alone(batch, row));
                    continue;
                }
                // A school not yet known may be another LA's the row describes: the row is read again whole, as on this thread.
                // (Rows come school by school, and a school once known stays known.)
                if (row.Values.Urn != knownUrn)
                {
                    if (schoolRules.Unknown("unique_reference_number", row.Values.Urn) is not null)
                    {
                        TotalsRowAlone(Alone(batch, row));
                        continue;
                    }
                    knownUrn = row.Values.Urn;
                }
                if (TotalsUpn(batch.UpnOf(row), row.UpnKey, out var pupil) is { } badUpn)
                {
                    Alone(batch, row).Rejected(badUpn);
                    continue;
                }
                if (totalsRepeats.Repeated(pupil, row.Values.Urn, row.Values.Start) is { } repeated)
                {
                    Alone(batch, row).Rejected(repeated);
                    continue;
                }
                AddTotals(pupil, row.Values, null);
            }
            if (batch.EndsFile && batch.BadEncoding is null)
            {
                rows[batch.File] = batch.FileRows;
                KeepContentHash(paths[batch.File]);
            }
            ahead.Recycle(batch);
        }
        return rows;
    }

    private static long TotalBytes(IReadOnlyList<string> paths) => paths.Sum(p => new FileInfo(p).Length);

    /// <summary>A DfE row as <see cref="ReadRows"/> reads it on this thread.</summary>
    private void TotalsRowAlone(RowContext r)
    {
        if (!r.RejectedForFieldCount()) SessionTotalsRow(r);
    }

    /// <summary>
    /// DfE files read and their rows' fields parsed (<see cref="TotalsRowParser"/>) on a thread of their own, a few thousand
    /// rows a batch, while the reader's thread applies the rules that need the batch: reading a year of weekly files was
    /// one core's work, four-fifths of it the fields. A row the parser rejects is handed over unparsed and read again
    /// whole on the reader's thread, so its rejection is reported there, in order, exactly as if read there. Each batch
    /// holds a copy of its rows' text, so the reader may read any row again.
    /// </summary>
    private sealed class TotalsReadAhead : IDisposable
    {
        private const int RowsPerBatch = 4096;

        /// <summary>
        /// Readers beyond two add memory (a weekly file's batches each) and no speed: with two, the three threads (two readers,
        /// the applying one) each took about a third of a year's reading, and the applying one cannot be split.
        /// </summary>
        public const int MostReaders = 2;

        private const int TextPerBatch = RowsPerBatch * 160;

        /// <summary>
        /// Batches a reader may be ahead by: a weekly file of a large LA (about 100,000 rows). With four, the reader of the
        /// next file waited for the current one to be applied, and the two readers took turns rather than working together.
        /// At most this many batches a reader (about 1.5 MB each) are held.
        /// </summary>
        private const int BatchesAhead = 32;

        public readonly record struct Row(long Line, int TextStart, int TextLength, int UpnStart, int UpnLength, long UpnKey, bool Parsed, ParsedTotalsRow Values);

        public sealed class Batch
        {
            public int File;
            public string[]? Header;
            public readonly Row[] Rows = new Row[RowsPerBatch];
            public int Count;
            public char[] Text = new char[TextPerBatch];
            public int TextLength;
            /// <summary>Set on a file's last batch: the rows it had (-1 until then, and for a file skipped whole).</summary>
            public long FileRows = -1;
            public bool EndsFile;
            public (long Line, long Offset)? BadEncoding;
            public ExceptionDispatchInfo? Failure;

            public ReadOnlySpan<char> TextOf(in Row row) => Text.AsSpan(row.TextStart, row.TextLength);

            public ReadOnlySpan<char> UpnOf(in Row row) => Text.AsSpan(row.UpnStart, row.UpnLength);

            public int Append(ReadOnlySpan<char> chars)
            {
                if (TextLength + chars.Length > Text.Length) Array.Resize(ref Text, Math.Max(TextLength + chars.Length, 2 * Text.Length));
                var at = TextLength;
                chars.CopyTo(Text.AsSpan(at));
                TextLength += chars.Length;
                return at;
            }

            public void Reset(int file, string[]? header)
            {
                // A batch that held one outsized record (an unclosed quote runs to the end of its file) is not kept that size.
                if (Text.Length > 4 * TextPerBatch) Text = new char[TextPerBatch];
                File = file;
                Header = header;
                Count = 0;
                TextLength = 0;
                FileRows = -1;
                EndsFile = false;
                BadEncoding = null;
                Failure = null;
            }
        }

        // Bounded both ways: at most a few batches parsed ahead, and their buffers reused rather than reallocated.
        private readonly BlockingCollection<Batch>[] parsed;
        private readonly ConcurrentBag<Batch> free = [];
        private readonly CancellationTokenSource stop = new();
        private readonly Task[] reading;
        private readonly int files;
        private int file;

        /// <summary>
        /// <paramref name="readers"/> threads, each reading every so many files (the first the first, the second the second…):
        /// parsing is most of the work, and the reader's own share is small enough to run beside them.
        /// </summary>
        public TotalsReadAhead(IReadOnlyList<string> paths, ReadOptions options, Utf8ChecksAhead utf8Checks, int readers)
        {
            files = paths.Count;
            readers = Math.Clamp(readers, 1, Math.Max(1, paths.Count));
            parsed = new BlockingCollection<Batch>[readers];
            reading = new Task[readers];
            for (var j = 0; j < readers; j++) parsed[j] = new BlockingCollection<Batch>(BatchesAhead);
            try
            {
                for (var j = 0; j < readers; j++)
                {
                    var first = j;
                    reading[j] = Task.Factory.StartNew(() => ReadAll(paths, first, options, utf8Checks), TaskCreationOptions.LongRunning);
                }
            }
            catch
            {
                // Readers already started would wait forever to hand over a batch.
                stop.Cancel();
                throw;
            }
        }

        /// <summary>The next batch in file and line order, or null after the last; a failure on a reading thread is rethrown here.</summary>
        public Batch? Next()
        {
            if (file >= files)
            {
                // Every batch is in: a reader can still fail closing its last file, and that failure is not to be lost.
                Task.WaitAll(reading);
                foreach (var queue in parsed)
                    while (queue.TryTake(out var late))
                        late.Failure?.Throw();
                return null;
            }
            var batch = parsed[file % parsed.Length].Take();
            batch.Failure?.Throw();
            if (batch.EndsFile) file++;
            return batch;
        }

        public void Recycle(Batch batch) => free.Add(batch);

        private Batch Take(int file, string[]? header)
        {
            if (!free.TryTake(out var batch)) batch = new Batch();
            batch.Reset(file, header);
            return batch;
        }

        private void Hand(Batch batch) => parsed[batch.File % parsed.Length].Add(batch, stop.Token);

        private void ReadAll(IReadOnlyList<string> paths, int first, ReadOptions options, Utf8ChecksAhead utf8Checks)
        {
            var file = first;
            try
            {
                // Its own parser and a report nobody reads: a row it rejects is read again, and reported, on the reader's thread.
                var parser = new TotalsRowParser(options);
                var quiet = new ValidationReport();
                for (; file < paths.Count; file += parsed.Length)
                {
                    if (utf8Checks.For(paths[file]) is { } bad)
                    {
                        var skipped = Take(file, null);
                        skipped.BadEncoding = bad;
                        skipped.EndsFile = true;
                        Hand(skipped);
                        continue;
                    }
                    using var chunks = new Utf8Chunks(paths[file]);
                    var csv = new CsvRecordReader(chunks);
                    try
                    {
                        ReadFile(paths[file], file, csv, parser, quiet, options.TotalsBatchParsed);
                    }
                    finally
                    {
                        csv.Release();
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var failed = Take(file, null);
                failed.Failure = ExceptionDispatchInfo.Capture(e);
                try { Hand(failed); } catch (OperationCanceledException) { }
            }
        }

        private void ReadFile(string path, int file, CsvRecordReader csv, TotalsRowParser parser, ValidationReport quiet,
            Action<string, long>? batchParsed)
        {
            if (!csv.Next())
            {
                var empty = Take(file, null);
                empty.FileRows = 0;
                empty.EndsFile = true;
                Hand(empty);
                return;
            }
            var header = csv.AllFields();
            var r = new RowContext(path, header, csv, quiet);
            var batch = Take(file, header);
            long rows = 0;
            try
            {
                ReadRows();
            }
            catch (Exception e) when (e is not OperationCanceledException && batch.Count > 0)
            {
                // The rows parsed before the failure are applied (and their rejections reported) first, as on one thread.
                Hand(batch);
                throw;
            }
            batch.FileRows = rows;
            batch.EndsFile = true;
            Hand(batch);

            void ReadRows()
            {
                while (csv.Next())
                {
                    rows++;
                    ParsedTotalsRow values = default;
                    var parsedRow = csv.FieldCount == header.Length && parser.TryParse(r, out values);
                    var textStart = batch.Append(csv.RecordText);
                    var upn = parsedRow ? r.Value(parser.UpnOf(r)) : default;
                    var upnStart = batch.Append(upn);
                    batch.Rows[batch.Count++] = new Row(csv.Line, textStart, csv.RecordText.Length, upnStart, upn.Length, UpnKey(upn), parsedRow, parsedRow ? values : default);
                    if (batch.Count < RowsPerBatch) continue;
                    batchParsed?.Invoke(path, rows);
                    Hand(batch);
                    batch = Take(file, header);
                }
            }
        }

        public void Dispose()
        {
            // The reader stopped early (a failure of its own): the thread may be waiting to hand over a batch.
            stop.Cancel();
            try { Task.WaitAll(reading); } catch (AggregateException) { }
            foreach (var queue in parsed) queue.Dispose();
            stop.Dispose();
        }
    }
}

using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Publish;

// The sums each counting thread keeps while FirstLoadAggregates counts the registers (FirstLoadRollup.cs says what they build).
internal sealed partial class FirstLoadRollup
{
    /// <summary>One enrolment's totals per bucket while its fragments are counted.</summary>
    internal sealed class UnitSums(FirstLoadRollup rollup)
    {
        private readonly long[] sums = new long[rollup.buckets.Count * S];
        private readonly bool[] touched = new bool[rollup.buckets.Count];

        public List<int> Touched { get; } = [];

        /// <summary>Adds a fragment (its first day and counts) to every bucket containing that day.</summary>
        public void Add(int fragmentStart, FragmentCounts counts)
        {
            Span<long> values = stackalloc long[S];
            for (var s = 0; s < S; s++)
            {
                long v = 0;
                foreach (var (word, shift) in SessionFields[s]) v += (long)((counts.Words[word] >> shift) & PackedCounts.MaxCount);
                values[s] = v;
            }
            Add(fragmentStart, values);
        }

        /// <summary>Adds a fragment's session totals (in the rollup's session column order) to every bucket containing its first day.</summary>
        public void Add(int fragmentStart, ReadOnlySpan<long> values)
        {
            var year = AcademicYear.Containing(DateOnly.FromDayNumber(fragmentStart));
            var (firstDay, byDay) = rollup.years[year.StartYear];
            foreach (var b in byDay[fragmentStart - firstDay])
            {
                if (!touched[b])
                {
                    touched[b] = true;
                    Touched.Add(b);
                }
                var at = b * S;
                for (var s = 0; s < S; s++) sums[at + s] += values[s];
            }
        }

        public bool Has(int bucket) => touched[bucket];

        public ReadOnlySpan<long> Of(int bucket) => sums.AsSpan(bucket * S, S);

        public void Clear()
        {
            foreach (var b in Touched)
            {
                touched[b] = false;
                Array.Clear(sums, b * S, S);
            }
            Touched.Clear();
        }
    }

    /// <summary>
    /// One thread's enrolments, finished one at a time in the order of the aggregate tables (cohort, then school, then
    /// pupil): a school's rows for a cohort are complete when the next school or cohort starts.
    /// </summary>
    internal sealed class Summer(FirstLoadRollup rollup)
    {
        // The school's cells: index bucket × 4 + compulsory × 2 + rest, filled on first use (a lookup per unit: no hashing).
        private readonly int[]?[] school = new int[rollup.buckets.Count * 4][];
        private readonly List<int> used = [];
        private int schoolUrn = int.MinValue, schoolCohort = -1;
        // Per academic year of the enrolment being finished: 0 not worked out yet, 1 not of compulsory age, 2 of it.
        private readonly byte[] compulsoryByYear = new byte[rollup.years.Count];

        /// <summary>The enrolment's units (for all pupils, or its part in a cohort).</summary>
        public UnitSums Units { get; } = new(rollup);

        /// <summary>For a cohort's units, the same enrolment's units for all pupils, which its rest correction needs.</summary>
        public UnitSums AllPupils { get; } = new(rollup);

        public List<Row> Rows { get; } = [];

        public List<KeptUnit> Kept { get; } = [];

        /// <summary>
        /// Turns the enrolment's counted units into row sums and kept units, then clears them for the next enrolment.
        /// </summary>
        /// <param name="cohort">0 for all pupils, else the index of the cohort in the list <see cref="Begin"/> was given, plus one.</param>
        public void Finish(int cohort, int urn, int pupilId, DateOnly dateOfBirth)
        {
            if (urn != schoolUrn || cohort != schoolCohort) Flush();
            (schoolUrn, schoolCohort) = (urn, cohort);
            var key = pupilId < rollup.recordKeys.Length ? rollup.recordKeys[pupilId] : -1;
            if (key < 0) throw new InvalidOperationException("a pupil has no record key: run a load to assign record keys");
            Span<long> rest = stackalloc long[S];
            Array.Clear(compulsoryByYear);
            foreach (var b in Units.Touched)
            {
                var unit = Units.Of(b);
                if (!unit.ContainsAnyExcept(0L)) continue; // counts in no row, in every mode (see SchoolRollup)
                var bucket = rollup.buckets[b];
                ref var known = ref compulsoryByYear[bucket.YearIndex];
                if (known == 0) known = bucket.Year.IsCompulsorySchoolAge(dateOfBirth) ? (byte)2 : (byte)1;
                var compulsory = known == 2;
                if (bucket.Kept) Kept.Add(new KeptUnit(b, urn, pupilId, cohort, compulsory, Narrow(unit)));
                if (unit[Possible] > 0) AddRow(Group(b, compulsory, rest: false), unit, key);
                if (cohort == 0) continue;
                if (!AllPupils.Has(b)) throw new InvalidOperationException($"an enrolment at {urn} has cohort sessions in a period without sessions for all pupils");
                var all = AllPupils.Of(b);
                for (var s = 0; s < S; s++) rest[s] = all[s] - unit[s];
                AddRestCorrection(Group(b, compulsory, rest: true), rest, all, key);
            }
            Units.Clear();
            AllPupils.Clear();
        }

        /// <summary>Moves the school's completed rows to <see cref="Rows"/>.</summary>
        public void Flush()
        {
            foreach (var i in used)
            {
                Rows.Add(new Row(i / 4, schoolUrn, schoolCohort, (i & 1) == 1, (i & 2) == 2, school[i]!));
                school[i] = null;
            }
            used.Clear();
        }

        private int[] Group(int bucket, bool compulsory, bool rest)
        {
            var i = bucket * 4 + (compulsory ? 2 : 0) + (rest ? 1 : 0);
            if (school[i] is { } values) return values;
            used.Add(i);
            return school[i] = new int[Values];
        }

        // Checked: a cell's sums fit an int (a school's sessions for a year are well under a million); one that did not would
        // stop the load rather than wrap.
        private static void AddRow(int[] row, ReadOnlySpan<long> unit, int key)
        {
            checked
            {
                var persons = SchoolRollup.PersonColumns.Count;
                row[0]++;
                for (var s = 0; s < S; s++) row[persons + s] += (int)unit[s];
                row[persons + S] += key;
                for (var t = 0; t < Thresholds.Length; t++)
                {
                    if (!Passes(unit, Thresholds[t])) continue;
                    row[1 + t]++;
                    row[persons + S + 1 + t] += key;
                }
                row[Values - 1] += SessionKeySql.Contribution(key, unit);
            }
        }

        /// <summary>
        /// The rest correction's definition, per column: the value where the rest's unit (all pupils less the cohort) counts
        /// minus the value where the unit for all pupils counts; a unit counts when it has possible sessions and, for a
        /// person count, passes its threshold.
        /// </summary>
        private static void AddRestCorrection(int[] row, ReadOnlySpan<long> rest, ReadOnlySpan<long> all, int key)
        {
            checked
            {
                var persons = SchoolRollup.PersonColumns.Count;
                var restCounts = rest[Possible] > 0;
                var allCounts = all[Possible] > 0;
                row[0] += (restCounts ? 1 : 0) - (allCounts ? 1 : 0);
                for (var s = 0; s < S; s++) row[persons + s] += (int)((restCounts ? rest[s] : 0) - (allCounts ? all[s] : 0));
                row[persons + S] += (restCounts ? key : 0) - (allCounts ? key : 0);
                for (var t = 0; t < Thresholds.Length; t++)
                {
                    var restPasses = restCounts && Passes(rest, Thresholds[t]);
                    var allPasses = allCounts && Passes(all, Thresholds[t]);
                    row[1 + t] += (restPasses ? 1 : 0) - (allPasses ? 1 : 0);
                    row[persons + S + 1 + t] += (restPasses ? key : 0) - (allPasses ? key : 0);
                }
                row[Values - 1] += (restCounts ? SessionKeySql.Contribution(key, rest) : 0) - (allCounts ? SessionKeySql.Contribution(key, all) : 0);
            }
        }

        private static int[] Narrow(ReadOnlySpan<long> unit)
        {
            var values = new int[unit.Length];
            for (var i = 0; i < unit.Length; i++) values[i] = checked((int)unit[i]);
            return values;
        }
    }
}

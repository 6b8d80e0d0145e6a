namespace AttendanceGraph.Etl.Publish;

/// <summary>
/// What a first load counts its aggregate rows from: the registers validation built (<see cref="RegisterSlots"/>) or a
/// batch of DfE totals alone (<see cref="WeeklyTotals"/>). Each writes the rows <see cref="AggregateSql"/> defines, each part
/// in the order of the tables' key (school, pupil, fragment), and adds each enrolment's units to the rollup's sums when given.
/// </summary>
internal interface IFirstLoadFragments
{
    /// <summary>
    /// Into how many parts (1 or 2, by school) the all-pupils pass is split, each counted on its own thread: 1 when the
    /// cohorts give the second thread as much work (registers), 2 when they do not (DfE totals alone, often without cohorts).
    /// </summary>
    int AllPupilsParts { get; }

    /// <summary>Part <paramref name="part"/> of every enrolment's fragments for all pupils; each enrolment finished as cohort 0 in <paramref name="sums"/>.</summary>
    void CountAllPupils(int part, AggregateRowWriter writer, FirstLoadRollup.Summer? sums, CancellationToken ct);

    /// <summary>
    /// One cohort's fragments: each member enrolment's sessions while in the cohort (<paramref name="byPupil"/>: merged
    /// intervals, by pupil), finished in <paramref name="sums"/> as cohort <paramref name="index"/> with the enrolment's units
    /// for all pupils beside them (the rest correction needs both).
    /// </summary>
    void CountCohort(int index, string cohort, IReadOnlyDictionary<int, List<(int Start, int End)>> byPupil, AggregateRowWriter writer,
        FirstLoadRollup.Summer? sums, CancellationToken ct);
}

using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Etl.Publish;

/// <summary>The fragments of a first load's registers: each enrolment slot's marks, a fragment a week or part week (<see cref="RegisterFragments"/>).</summary>
internal sealed class RegisterSlots(MarksIndex registers, IReadOnlyDictionary<int, DateOnly> dateOfBirth) : IFirstLoadFragments
{
    private readonly List<(int PupilId, EnrolmentSlot Slot)> slots = registers.Pupils
        .SelectMany(p => p.Slots.Select(s => (p.PupilId, Slot: s)))
        .OrderBy(s => s.Slot.Urn).ThenBy(s => s.PupilId)
        .ToList();

    public int AllPupilsParts => 1;

    public void CountAllPupils(int part, AggregateRowWriter writer, FirstLoadRollup.Summer? sums, CancellationToken ct)
    {
        var counts = new FragmentCounts();
        foreach (var (pupilId, slot) in slots)
        {
            ct.ThrowIfCancellationRequested();
            var dob = dateOfBirth[pupilId];
            RegisterFragments.Count(slot, null, counts, (week, month) =>
            {
                writer.Write(null, slot.Urn, pupilId, dob, week, month, counts);
                sums?.Units.Add(Math.Max(week, month), counts);
            });
            sums?.Finish(0, slot.Urn, pupilId, dob);
        }
    }

    public void CountCohort(int index, string cohort, IReadOnlyDictionary<int, List<(int Start, int End)>> byPupil, AggregateRowWriter writer,
        FirstLoadRollup.Summer? sums, CancellationToken ct)
    {
        var counts = new FragmentCounts();
        var allPupilsCounts = new FragmentCounts();
        foreach (var (pupilId, slot) in slots)
        {
            if (!byPupil.TryGetValue(pupilId, out var within)) continue;
            ct.ThrowIfCancellationRequested();
            var dob = dateOfBirth[pupilId];
            RegisterFragments.Count(slot, within, counts, (week, month) =>
            {
                writer.Write(cohort, slot.Urn, pupilId, dob, week, month, counts);
                sums?.Units.Add(Math.Max(week, month), counts);
            });
            if (sums is null) continue;
            // The rest correction needs the enrolment's units for all pupils too: counted again here rather than
            // kept from the other thread for every enrolment (a cohort's members are a fraction of them).
            RegisterFragments.Count(slot, null, allPupilsCounts, (week, month) => sums.AllPupils.Add(Math.Max(week, month), allPupilsCounts));
            sums.Finish(index, slot.Urn, pupilId, dob);
        }
    }
}

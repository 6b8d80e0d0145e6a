using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// Row rules of the GIAS extract, and the reference every other file's school_urn must meet: a school is known when
/// this batch's schools or the warehouse hold it. Another LA's schools are kept when sound (their pupils may live
/// here), but their problems never reject the LA's batch (<see cref="LaScope"/> decides which LA that is).
/// </summary>
public sealed class SchoolRules(ExistingWarehouseState existing)
{
    private readonly HashSet<int> urns = [];

    /// <summary>A URN already given by an earlier row of this batch; otherwise the URN is taken.</summary>
    public RowProblem? Repeated(int urn) =>
        urns.Add(urn) ? null : new RowProblem("URN", RejectionReason.DuplicateRow, $"school URN {urn} appears more than once");

    /// <summary>A school another LA maintains, described by a DfE row (<see cref="ResidencyRules"/>): later rows may name it.</summary>
    public void Learned(int urn) => urns.Add(urn);

    public RowProblem? Unknown(string column, int urn) =>
        urns.Contains(urn) || existing.SchoolUrns.Contains(urn) ? null
            : new RowProblem(column, RejectionReason.UnknownSchool, $"school URN {urn} is neither in this batch's schools nor in the warehouse");
}

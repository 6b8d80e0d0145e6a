namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// A cell's keys for cell-key perturbation: the sum, mod 256, of the record keys of the enrolments (pupils, for
/// pupil-based views) it counts, and of just those persistently or severely absent. Computed in the same query as the
/// counts, so a key depends only on who is in the cell. <see cref="Sessions"/> keys the session rates' noise: the sum,
/// mod 256, of each unit's record key mixed with its sessions in the cell (<see cref="SessionKeySql"/>), so it depends
/// only on which sessions are in the cell.
/// </summary>
public sealed record CellKeys(int Enrolments, int PersistentAbsence, int SevereAbsence, int Sessions)
{
    public static CellKeys None { get; } = new(0, 0, 0, 0);

    /// <summary>
    /// The units the cell's session totals sum over, when they are not the enrolments it counts (the live method leaves
    /// enrolments of 10 or fewer sessions out of the counts, not out of the sessions); null when they are.
    /// </summary>
    public SessionUnits? SessionUnits { get; init; }
}

/// <summary>How many units a cell's session totals sum over, and the Σ of their record keys mod 256.</summary>
public sealed record SessionUnits(long Count, int Key);

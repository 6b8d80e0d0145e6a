namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// The absence episodes the simulator draws, with DfE 2024/25 shares of possible sessions (I 3.2, O 1.6, G 0.46,
/// C 0.41, M 0.32, C2 0.24, U 0.22, E 0.16, N 0.06, and small J1/T/C1). R (religious observance) is not here:
/// it falls on festival days for observing pupils. Lengths are in school days: illness mostly 1–3 days,
/// holidays a week or more, part-time timetables several weeks of afternoons. C2's input share (0.29) is above its
/// 0.24 target because its afternoons-only episodes are cut short by breaks and overridden by other absence more
/// than day-long episodes are; 0.29 measures at the 0.24 target share of absence (CalibrationTests).
/// </summary>
public static class AbsenceReasons
{
    public static IReadOnlyList<AbsenceReason> All { get; } =
    [
        new("I", 3.2, FactorKind.Illness, 0.8, false, [1, 2, 3, 4, 5, 8], [0.42, 0.25, 0.14, 0.08, 0.06, 0.05]),
        new("O", 1.6, FactorKind.Disengagement, 0.65, false, [1, 2, 3, 5], [0.62, 0.22, 0.1, 0.06]),
        new("G", 0.46, FactorKind.Holiday, 1.0, false, [3, 4, 5, 6, 7, 8, 10], [0.1, 0.15, 0.3, 0.1, 0.1, 0.1, 0.15]),
        new("C", 0.41, FactorKind.Holiday, 0.9, false, [1, 2, 3, 5], [0.45, 0.25, 0.15, 0.15]),
        new("M", 0.32, FactorKind.Flat, 0.5, true, [1], [1]),
        new("C2", 0.29, FactorKind.Flat, 1.0, false, [15, 25, 40], [0.4, 0.35, 0.25], AfternoonsOnly: true),
        new("U", 0.22, FactorKind.Disengagement, 1.0, true, [1], [1]),
        new("E", 0.16, FactorKind.Flat, 1.0, false, [1, 2, 3, 5], [0.4, 0.25, 0.2, 0.15]),
        new("N", 0.06, FactorKind.Disengagement, 0.6, true, [1], [1]),
        new("J1", 0.02, FactorKind.Flat, 0.5, true, [1], [1]),
        new("T", 0.02, FactorKind.Holiday, 1.0, false, [1, 2, 3], [0.4, 0.3, 0.3]),
        new("C1", 0.01, FactorKind.Flat, 1.0, false, [1, 2], [0.5, 0.5]),
    ];

    public static double TotalShare { get; } = All.Sum(r => r.Share);
}

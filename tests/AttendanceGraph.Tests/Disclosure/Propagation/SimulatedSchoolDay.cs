namespace AttendanceGraph.Tests.Disclosure.Propagation;

/// <summary>
/// One school's day as the protected API publishes it, simulated: pupils with the reporting cohorts (in roughly the
/// demo LA's proportions, SEND ⊇ SEN support and EHC plan, social worker ⊇ child in need and child protection) and an
/// absence that day more likely in the cohorts. On one day PA = the pupils absent. The cells are everyone and each
/// cohort and its rest, each with its enrolments and PA count; every cell draws fresh keys, as cells of different
/// periods or members do.
/// </summary>
public sealed record SimulatedSchoolDay(IReadOnlyDictionary<string, (long Enrolments, long Pa)> Cells)
{
    public static readonly string[] Cohorts = ["FSM", "SEND", "SEN_SUPPORT", "EHC_PLAN", "SOCIAL_WORKER", "CHILD_IN_NEED", "CHILD_PROTECTION_PLAN", "LOOKED_AFTER", "PREVIOUSLY_LOOKED_AFTER"];

    public static readonly (string Whole, string[] Parts)[] Nestings =
        [("SEND", ["SEN_SUPPORT", "EHC_PLAN"]), ("SOCIAL_WORKER", ["CHILD_IN_NEED", "CHILD_PROTECTION_PLAN"])];

    public static SimulatedSchoolDay Draw(Random random)
    {
        var pupils = random.Next(150, 700);
        var cells = new Dictionary<string, (long, long)>();
        var members = new bool[pupils, Cohorts.Length];
        var absent = new bool[pupils];
        for (var i = 0; i < pupils; i++)
        {
            members[i, 0] = random.NextDouble() < 0.22;
            members[i, 1] = random.NextDouble() < 0.16;
            members[i, 2] = members[i, 1] && random.NextDouble() < 0.75;
            members[i, 3] = members[i, 1] && !members[i, 2];
            members[i, 4] = random.NextDouble() < 0.03;
            members[i, 5] = members[i, 4] && random.NextDouble() < 0.6;
            members[i, 6] = members[i, 4] && !members[i, 5] && random.NextDouble() < 0.75;
            members[i, 7] = random.NextDouble() < 0.006;
            members[i, 8] = random.NextDouble() < 0.004;
            absent[i] = random.NextDouble() < 0.05 + (members[i, 0] ? 0.04 : 0) + (members[i, 1] ? 0.05 : 0) + (members[i, 4] ? 0.08 : 0) + (members[i, 7] ? 0.05 : 0);
        }
        void Cell(string name, Func<int, bool> inCell)
        {
            long n = 0, pa = 0;
            for (var i = 0; i < pupils; i++)
                if (inCell(i)) { n++; if (absent[i]) pa++; }
            if (n > 0) cells[name] = (n, pa);
        }
        Cell("ALL", _ => true);
        for (var k = 0; k < Cohorts.Length; k++)
        {
            var c = k;
            Cell(Cohorts[c], i => members[i, c]);
            Cell("REST:" + Cohorts[c], i => !members[i, c]);
        }
        return new SimulatedSchoolDay(cells);
    }
}

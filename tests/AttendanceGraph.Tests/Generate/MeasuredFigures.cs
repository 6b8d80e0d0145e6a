using AttendanceGraph.Schema.Cohorts;
using System.Globalization;
using System.Text;
using AttendanceGraph.Etl.Model;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Measures;

namespace AttendanceGraph.Tests.Generate;

/// <summary>
/// DfE measures computed straight from generated files with the shared definitions (CodeCatalogue,
/// MeasureDefinitions): compulsory school age only, enrolment-based, enrolments with no possible sessions
/// excluded. Cohort figures count only sessions while the pupil was in the cohort, and their PA uses DfE's
/// live-data rule (more than 10 possible sessions) so a membership starting a day before the extract does
/// not count as a whole enrolment.
/// </summary>
public sealed class MeasuredFigures
{
    public sealed record Rates(long Enrolments, long Possible, long Authorised, long Unauthorised, long Pa, long Sa)
    {
        public double Overall => 100.0 * (Authorised + Unauthorised) / Possible;
        public double AuthorisedRate => 100.0 * Authorised / Possible;
        public double UnauthorisedRate => 100.0 * Unauthorised / Possible;
        public double PaRate => 100.0 * Pa / Enrolments;
        public double SaRate => 100.0 * Sa / Enrolments;
        public override string ToString() => FormattableString.Invariant(
            $"enrolments {Enrolments,6} absence {Overall,5:F2} (auth {AuthorisedRate:F2} unauth {UnauthorisedRate:F2}) PA {PaRate,5:F1} SA {SaRate,4:F1}");
    }

    public const string All = "all", Primary = "primary", Secondary = "secondary", Special = "special";
    public const string NotFsm = "not FSM", NoSen = "no SEN", CinOnly = "CIN (not CPP, not LAC)";

    public Dictionary<string, Rates> ByGroup { get; } = new();
    /// <summary>Sessions with each code, as percent of possible sessions (compulsory age).</summary>
    public Dictionary<string, double> CodeShare { get; } = new();
    /// <summary>Percent of compulsory-age pupils in each cohort at some point in the period.</summary>
    public Dictionary<string, double> Prevalence { get; } = new();
    public double AeaShare { get; private set; }

    private static readonly CodeCatalogue Catalogue = CodeCatalogue.Instance;
    private static readonly string[] Groups =
        [All, Primary, Secondary, Special, MembershipCohort.Fsm, NotFsm, MembershipCohort.EhcPlan, MembershipCohort.SenSupport, NoSen, CinOnly, MembershipCohort.LookedAfter, MembershipCohort.ChildProtectionPlan];

    public static MeasuredFigures FromFiles(string dir, AcademicYear year, DateOnly asOf)
    {
        var figures = new MeasuredFigures();
        var phase = ReadPhases(Directory.GetFiles(dir, "edubasealldata*.csv").Single());
        var memberships = new Dictionary<string, List<(string Cohort, DateOnly Start, DateOnly? End)>>();
        foreach (var file in new[] { "sen_register.csv", "social_care.csv", "fsm_eligibility.csv" })
            foreach (var f in File.ReadLines(Path.Combine(dir, file)).Skip(1).Select(l => l.Split(',')))
            {
                if (!memberships.TryGetValue(f[0], out var list)) memberships[f[0]] = list = [];
                list.Add((f[1], DateOnly.Parse(f[2], CultureInfo.InvariantCulture), f[3] == "" ? null : DateOnly.Parse(f[3], CultureInfo.InvariantCulture)));
            }

        var enrolmentIndex = new Dictionary<(string, int), int>();
        var enrolmentPhase = new List<string>();
        var enrolmentUpn = new List<string>();
        foreach (var f in File.ReadLines(Path.Combine(dir, "pupils.csv")).Skip(1).Select(l => l.Split(',')))
        {
            var dob = DateOnly.Parse(f[4], CultureInfo.InvariantCulture);
            if (!year.IsCompulsorySchoolAge(dob)) continue;
            var urn = int.Parse(f[1], CultureInfo.InvariantCulture);
            enrolmentIndex[(f[0], urn)] = enrolmentPhase.Count;
            enrolmentPhase.Add(phase[urn]);
            enrolmentUpn.Add(f[0]);
        }

        var n = enrolmentPhase.Count;
        var g = Groups.Length;
        var possible = new long[n * g];
        var absence = new long[n * g];
        long[] authorised = new long[g], unauthorised = new long[g];
        var codeCounts = new Dictionary<string, long>();
        long allPossible = 0, aea = 0;
        var periodEnd = asOf < year.End ? asOf : year.End;
        var everIn = new Dictionary<string, HashSet<string>>();
        var pupilsSeen = new HashSet<string>();

        foreach (var line in File.ReadLines(Path.Combine(dir, "marks.csv")).Skip(1))
        {
            var p1 = line.IndexOf(',');
            var p2 = line.IndexOf(',', p1 + 1);
            var upn = line[..p1];
            var urn = int.Parse(line.AsSpan(p1 + 1, p2 - p1 - 1), CultureInfo.InvariantCulture);
            if (!enrolmentIndex.TryGetValue((upn, urn), out var e)) continue;
            var date = DateOnly.ParseExact(line.AsSpan(p2 + 1, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!year.Contains(date)) continue;
            var code = Catalogue[line[(p2 + 15)..]];
            if (!MeasureDefinitions.Possible.Includes(code)) continue;
            var isAbsence = MeasureDefinitions.OverallAbsence.Includes(code);
            codeCounts[code.Code] = codeCounts.GetValueOrDefault(code.Code) + 1;
            allPossible++;
            if (code.Category == AttendanceCategory.ApprovedEducationalActivity) aea++;
            pupilsSeen.Add(upn);

            var ms = memberships.GetValueOrDefault(upn);
            bool In(string c) => ms is not null && ms.Any(m => m.Cohort == c && m.Start <= date && (m.End is null || m.End >= date));
            bool fsm = In(MembershipCohort.Fsm), ehc = In(MembershipCohort.EhcPlan), support = In(MembershipCohort.SenSupport),
                cin = In(MembershipCohort.ChildInNeed), cpp = In(MembershipCohort.ChildProtectionPlan), lac = In(MembershipCohort.LookedAfter);
            Span<bool> member =
            [
                true, enrolmentPhase[e] == Primary, enrolmentPhase[e] == Secondary, enrolmentPhase[e] == Special,
                fsm, !fsm, ehc, support, !ehc && !support, cin && !cpp && !lac, lac, cpp,
            ];
            for (var k = 0; k < g; k++)
            {
                if (!member[k]) continue;
                possible[e * g + k]++;
                if (isAbsence) absence[e * g + k]++;
                if (MeasureDefinitions.Authorised.Includes(code)) authorised[k]++;
                if (MeasureDefinitions.Unauthorised.Includes(code)) unauthorised[k]++;
            }
        }

        for (var k = 0; k < g; k++)
        {
            // Phase groups are whole enrolments (official rule: any possible session); cohort slices need > 10.
            var minimum = k <= 3 ? 1 : 11;
            long enrolments = 0, pos = 0, pa = 0, sa = 0;
            for (var e = 0; e < n; e++)
            {
                var p = possible[e * g + k];
                if (p < minimum) continue;
                var a = absence[e * g + k];
                enrolments++;
                pos += p;
                if (MeasureDefinitions.PersistentAbsence.IsMet(a, p)) pa++;
                if (MeasureDefinitions.SevereAbsence.IsMet(a, p)) sa++;
            }
            figures.ByGroup[Groups[k]] = new Rates(enrolments, Math.Max(1, pos), authorised[k], unauthorised[k], pa, sa);
        }
        foreach (var (code, count) in codeCounts) figures.CodeShare[code] = 100.0 * count / allPossible;
        figures.AeaShare = 100.0 * aea / allPossible;

        foreach (var cohort in MembershipCohort.All)
        {
            var members = pupilsSeen.Count(upn => memberships.TryGetValue(upn, out var ms)
                && ms.Any(m => m.Cohort == cohort && m.Start <= periodEnd && (m.End is null || m.End >= year.Start)));
            figures.Prevalence[cohort] = 100.0 * members / pupilsSeen.Count;
        }
        return figures;
    }

    /// <summary>Statistics phase from GIAS: special schools by establishment type (GIAS gives them no phase).</summary>
    private static Dictionary<int, string> ReadPhases(string giasFile)
    {
        var lines = File.ReadAllLines(giasFile, Encoding.Latin1);
        var header = CsvLine.Split(lines[0]);
        int urn = header.IndexOf("URN"), type = header.IndexOf("TypeOfEstablishment (name)"), phase = header.IndexOf("PhaseOfEducation (name)");
        var result = new Dictionary<int, string>();
        foreach (var line in lines.Skip(1))
        {
            var f = CsvLine.Split(line);
            result[int.Parse(f[urn], CultureInfo.InvariantCulture)] = f[type].Contains("special", StringComparison.OrdinalIgnoreCase) ? Special
                : f[phase] == "Primary" ? Primary : Secondary;
        }
        return result;
    }

    public string Report()
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in ByGroup) sb.AppendLine(FormattableString.Invariant($"{k,-24} {v}"));
        sb.AppendLine("codes % of possible: " + string.Join(" ", CodeShare.OrderByDescending(c => c.Value).Select(c => FormattableString.Invariant($"{c.Key}={c.Value:F3}"))));
        sb.AppendLine(FormattableString.Invariant($"AEA {AeaShare:F2}"));
        sb.AppendLine("prevalence %: " + string.Join(" ", Prevalence.Select(c => FormattableString.Invariant($"{c.Key}={c.Value:F2}"))));
        return sb.ToString();
    }
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AttendanceGraph.Schema.Cohorts;
using AttendanceGraph.Schema.Disclosure;
using AttendanceGraph.Tests.Api;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Disclosure;

/// <summary>
/// One published aggregate cell: whose figures (unit: enrolment-based, or a virtual school's pupils), where (the LA, a
/// phase, a school), which population (everyone, a cohort, the rest of a cohort), which school days of the hand-checked
/// LA it covers, whether all ages count, and whether DfE's live method counts it (its enrolments with more than 10
/// possible sessions: a subset of the official cell's). Two queries asking about the same cell must publish the same figures.
/// </summary>
public sealed record Cell(string Unit, string Scope, string Pop, DateOnly From, DateOnly To, bool AllAges, bool Live = false)
{
    public override string ToString() => $"{Unit}|{Scope}|{Pop}|{From:MM-dd}..{To:MM-dd}|{(AllAges ? "all ages" : "compulsory")}{(Live ? "|live" : "")}";
}

/// <summary>
/// The differencing attacker. <see cref="Harvest"/> asks every aggregate entry point, over every period shape, age
/// setting, cohort, phase, school and grain, as the attacker and as la-lead (the truth); <see cref="Attack"/> then
/// forms every subtraction between overlapping cells and reports each true count of 1–5 it pins down with certainty.
/// The attacker knows the ptable (<see cref="PerturbationTable.Preimage"/>) but not the record keys; it treats any
/// published 1–5 as exact (only an unprotected route can publish one) and its own school's cells as exact.
/// </summary>
public sealed class DifferencingAttacker(ApiFactory api, string token, int? ownSchool, bool assumeExact = false)
{
    public static readonly string[] Counts = ["enrolments", "persistentAbsenceEnrolments", "severeAbsenceEnrolments"];
    public static readonly string[] Sessions = ["possibleSessions", "overallAbsenceSessions"];
    private const string M = "enrolments persistentAbsenceEnrolments severeAbsenceEnrolments possibleSessions overallAbsenceSessions attendanceRate persistentAbsenceRate";
    private const long Inf = long.MaxValue / 8;

    private static readonly (string Input, DateOnly From, DateOnly To)[] Periods =
    [
        ("{ academicYear: \"2025/26\" }", new(2025, 8, 1), new(2026, 7, 31)),
        ("{ weekStarting: \"2025-09-08\" }", new(2025, 9, 8), new(2025, 9, 14)),
        ("{ from: \"2025-09-05\", to: \"2025-09-10\" }", new(2025, 9, 5), new(2025, 9, 10)),
    ];

    public static readonly int[] Schools = [Alpha, Beta, Gamma];
    private static readonly Dictionary<int, string> PhaseOf = new() { [Alpha] = "PRIMARY", [Beta] = "PRIMARY", [Gamma] = "SECONDARY" };
    /// <summary>
    /// Every cohort the API lists (<c>cohorts</c>, read at the start of the harvest as any client would): the statutory
    /// ones and the LA's own, so a cohort a load declares is probed like the rest. Key → its membership cohorts.
    /// </summary>
    private Dictionary<string, IReadOnlyList<string>> cohortMembers = new();
    private HashSet<string> statutory = new();
    private string[] Cohorts => ["ALL_PUPILS", .. cohortMembers.Keys];
    private string[] LaCohorts => cohortMembers.Keys.Where(k => !statutory.Contains(k)).ToArray();

    /// <summary>The cohort argument: the enum for a statutory cohort, the key for one the LA declared.</summary>
    private string CohortArg(string cohort) => cohort == "ALL_PUPILS" || statutory.Contains(cohort) ? $"cohort: {cohort}" : $"cohortKey: \"{cohort}\"";

    public Dictionary<Cell, Dictionary<string, long?>> Published { get; } = new();
    public Dictionary<Cell, Dictionary<string, long?>> Truth { get; } = new();
    public List<string> Inconsistencies { get; } = new();
    private int requests;

    public int Requests => requests;

    private sealed record Probe(string Field, Func<JsonNode, IEnumerable<(Cell Cell, JsonObject Figures)>> Extract)
    {
        /// <summary>A check of the attacker's answer against the published cells, run once every cell is harvested (filters, sorts).</summary>
        public Action<JsonNode>? Check { get; init; }
    }

    private readonly List<Action> checks = [];

    // ---------------------------------------------------------------- harvesting

    public async Task Harvest()
    {
        using (var client = api.CreateClient(token))
        {
            using var response = await client.PostAsJsonAsync("/graphql", new { query = "{ cohorts { key statutory membershipCohorts } }" });
            var listed = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["cohorts"]!.AsArray();
            cohortMembers = listed.ToDictionary(c => (string)c!["key"]!, c => (IReadOnlyList<string>)c!["membershipCohorts"]!.AsArray().Select(m => (string)m!).ToList());
            statutory = listed.Where(c => (bool)c!["statutory"]!).Select(c => (string)c!["key"]!).ToHashSet();
        }
        var probes = new List<Probe>();
        foreach (var (input, from, to) in Periods)
            foreach (var allAges in new[] { false, true })
                probes.AddRange(ProbesFor(input, from, to, allAges));
        // Three requests at a time; the answers are then read in order, so the harvest is deterministic. Eight probes
        // a request keep each document under the API's field budget (GraphQL:Document:MaxFields, 500): an attacker
        // gets no more per request than anyone else.
        using var gate = new SemaphoreSlim(3);
        var answers = await Task.WhenAll(probes.Chunk(8).Select(async chunk =>
        {
            await gate.WaitAsync();
            try { return await Ask(chunk); }
            finally { gate.Release(); }
        }));
        foreach (var (asked, attacker, truth) in answers.SelectMany(a => a)) Absorb(asked, attacker, truth);
        foreach (var check in checks) check();
    }

    private IEnumerable<Probe> ProbesFor(string period, DateOnly from, DateOnly to, bool allAges)
    {
        var args = $"period: {period}, includeAllAges: {(allAges ? "true" : "false")}";
        Cell? C(string unit, string scope, string pop, DateOnly f, DateOnly t) =>
            Clip(f < from ? from : f, t > to ? to : t) is var (a, b) ? new Cell(unit, scope, pop, a, b, allAges) : null;
        Cell? Whole(string scope, string pop, string unit = "E") => C(unit, scope, pop, from, to);
        Cell? Bucket(string scope, string pop, JsonNode p, string unit = "E") =>
            C(unit, scope, pop, DateOnly.Parse((string)p["start"]!), DateOnly.Parse((string)p["end"]!));
        static string Pop(string cohort) => cohort == "ALL_PUPILS" ? "ALL" : "C:" + cohort;
        IEnumerable<(Cell, JsonObject)> One(Cell? cell, JsonNode? figures) =>
            cell is null || figures is null ? [] : [(cell, figures.AsObject())];

        var schools = ownSchool is { } own ? [own] : Schools;
        foreach (var cohort in Cohorts)
        {
            var pop = Pop(cohort);
            yield return new($"localAuthority {{ measures({args}, {CohortArg(cohort)}) {{ {M} }} }}",
                d => One(Whole("LA", pop), d["measures"]));
            yield return new($"localAuthority {{ byPhase({args}, {CohortArg(cohort)}) {{ phase measures {{ {M} }} }} }}",
                d => d["byPhase"]!.AsArray().SelectMany(p => One(Whole("P:" + (string)p!["phase"]!, pop), p["measures"])));
            yield return new($"schools({args}, {CohortArg(cohort)}, first: 10) {{ nodes {{ urn measures({args}, {CohortArg(cohort)}) {{ {M} }} }} }}",
                d => d["nodes"]!.AsArray().SelectMany(n => One(Whole("S:" + (int)n!["urn"]!, pop), n["measures"])));
            foreach (var grain in cohort is "ALL_PUPILS" or "LOOKED_AFTER" or "SEND" || LaCohorts.Contains(cohort) ? new[] { "", "WEEK" } : [])
                foreach (var groupBy in new[] { "LOCAL_AUTHORITY", "PHASE", "SCHOOL" })
                    yield return new($"measureTable(groupBy: {groupBy}, {args}, {CohortArg(cohort)}{(grain == "" ? "" : ", grain: " + grain)}, first: 20) {{ nodes {{ urn phase periodStart periodEnd {M} }} }}",
                        d => d["nodes"]!.AsArray().SelectMany(n => One(C("E", groupBy switch
                        {
                            "SCHOOL" => "S:" + (int)n!["urn"]!,
                            "PHASE" => "P:" + ((string)n!["phase"]!).ToUpperInvariant(),
                            _ => "LA",
                        }, pop, DateOnly.Parse((string)n!["periodStart"]!), DateOnly.Parse((string)n["periodEnd"]!)), n)));
            if (cohort is "ALL_PUPILS" or "LOOKED_AFTER" || LaCohorts.Contains(cohort))
            {
                // Filters and sorts must see the published values and nothing else: each band lists exactly the schools whose
                // published value is in it (so "atLeast: 1, below: 2" lists none), each order follows the published values.
                foreach (var (measure, field) in new[] { ("ENROLMENTS", "enrolments"), ("PERSISTENT_ABSENCE_ENROLMENTS", "persistentAbsenceEnrolments") })
                {
                    for (var band = 0; band <= 10; band++)
                    {
                        var (low, high) = (band, band + 1);
                        yield return new($"schools({args}, {CohortArg(cohort)}, where: {{ measure: {measure}, atLeast: {low}, below: {high} }}, first: 10) {{ nodes {{ urn }} }}", _ => [])
                        {
                            Check = d => CheckListed(d, $"{measure} in [{low}, {high})", Whole, pop, field, v => v >= low && v < high),
                        };
                    }
                    foreach (var direction in new[] { "ASCENDING", "DESCENDING" })
                        yield return new($"schools({args}, {CohortArg(cohort)}, orderBy: {measure}, direction: {direction}, first: 10) {{ nodes {{ urn }} }}", _ => [])
                        {
                            Check = d => CheckOrder(d, $"{measure} {direction}", Whole, pop, field, direction == "DESCENDING"),
                        };
                }
                yield return new($"schools({args}, {CohortArg(cohort)}, where: {{ measure: PERSISTENT_ABSENCE_RATE, atLeast: 0 }}, first: 10) {{ nodes {{ urn }} }}", _ => [])
                {
                    Check = d => CheckListed(d, "any PA rate", Whole, pop, "enrolments", v => v > 0),
                };
                var trendScopes = new List<(string Arg, string Scope)> { ("", "LA"), (", phase: PRIMARY", "P:PRIMARY"), (", phase: SECONDARY", "P:SECONDARY") };
                trendScopes.AddRange(schools.Select(u => ($", urn: {u}", $"S:{u}")));
                foreach (var (arg, scope) in trendScopes)
                    yield return new($"trend(grain: WEEK, {args}, {CohortArg(cohort)}{arg}) {{ period {{ start end }} measures {{ {M} }} }}",
                        d => d.AsArray().SelectMany(p => One(Bucket(scope, pop, p!["period"]!), p["measures"])));
                yield return new($"localAuthority {{ trend(grain: TERM, {args}, {CohortArg(cohort)}) {{ period {{ start end }} measures {{ {M} }} }} }}",
                    d => d["trend"]!.AsArray().SelectMany(p => One(Bucket("LA", pop, p!["period"]!), p["measures"])));
                yield return new($"yearOnYear(measure: ENROLMENTS, academicYear: \"2025/26\", {CohortArg(cohort)}, includeAllAges: {(allAges ? "true" : "false")}) {{ weekStarting value }}",
                    d => period.Contains("academicYear") ? d.AsArray().Where(w => w!["weekStarting"] is not null && w["value"] is not null).SelectMany(w => One(
                        C("E", "LA", pop, DateOnly.Parse((string)w!["weekStarting"]!), DateOnly.Parse((string)w["weekStarting"]!).AddDays(6)),
                        new JsonObject { ["enrolments"] = (long)(double)w["value"]! })) : []);
            }
        }
        var gapScopes = new List<(string Arg, string Scope)> { ("", "LA"), (", phase: PRIMARY", "P:PRIMARY"), (", phase: SECONDARY", "P:SECONDARY") };
        foreach (var (arg, scope) in gapScopes)
            yield return new($"localAuthority {{ cohortGaps({args}{arg}) {{ key measures {{ {M} }} rest {{ {M} }} }} }}",
                d => d["cohortGaps"]!.AsArray().SelectMany(g => One(Whole(scope, "C:" + (string)g!["key"]!), g["measures"])
                    .Concat(One(Whole(scope, "R:" + (string)g["key"]!), g["rest"]))));
        gapScopes.AddRange(schools.Select(u => ($", urn: {u}", $"S:{u}")));
        foreach (var (arg, scope) in gapScopes)
            foreach (var grain in scope is "LA" || scope == $"S:{ownSchool}" ? new[] { "", ", grain: WEEK" } : [""])
                yield return new($"cohortComparison({args}{arg}{grain}) {{ key period {{ start end }} measures {{ {M} }} rest {{ {M} }} }}",
                    d => d.AsArray().SelectMany(g =>
                    {
                        var cell = g!["period"] is { } p ? Bucket(scope, "C:" + (string)g["key"]!, p) : Whole(scope, "C:" + (string)g["key"]!);
                        var rest = cell is null ? null : cell with { Pop = "R:" + (string)g["key"]! };
                        return One(cell, g["measures"]).Concat(One(rest, g["rest"]));
                    }));
        foreach (var u in schools)
            foreach (var cohort in (string[])["ALL_PUPILS", "LOOKED_AFTER", .. LaCohorts])
                yield return new($"school(urn: {u}) {{ measures({args}, {CohortArg(cohort)}) {{ {M} }} trend(grain: WEEK, {args}, {CohortArg(cohort)}) {{ period {{ start end }} measures {{ {M} }} }} " +
                    $"cohorts({args}) {{ key measures {{ {M} }} rest {{ {M} }} }} benchmark({args}, {CohortArg(cohort)}) {{ measures {{ {M} }} localAuthorityPhase {{ {M} }} }} }}",
                    d => One(Whole($"S:{u}", Pop(cohort)), d["measures"])
                        .Concat(d["trend"]!.AsArray().SelectMany(p => One(Bucket($"S:{u}", Pop(cohort), p!["period"]!), p["measures"])))
                        .Concat(cohort == "ALL_PUPILS" ? d["cohorts"]!.AsArray().SelectMany(g => One(Whole($"S:{u}", "C:" + (string)g!["key"]!), g["measures"])
                            .Concat(One(Whole($"S:{u}", "R:" + (string)g["key"]!), g["rest"]))) : [])
                        .Concat(One(Whole($"S:{u}", Pop(cohort)), d["benchmark"]!["measures"]))
                        .Concat(One(Whole("P:" + PhaseOf[u], Pop(cohort)), d["benchmark"]!["localAuthorityPhase"])));
        // The live method's cells: each official cell less its enrolments with 10 or fewer possible sessions, so an
        // official cell minus its live twin is a count of short enrolments, which must stay as protected as any other.
        static Cell? Live(Cell? c) => c is null ? null : c with { Live = true };
        foreach (var cohort in (string[])["ALL_PUPILS", "LOOKED_AFTER", .. LaCohorts])
        {
            var pop = Pop(cohort);
            var live = $"{args}, {CohortArg(cohort)}, methodology: LIVE";
            yield return new($"localAuthority {{ measures({live}) {{ {M} }} byPhase({live}) {{ phase measures {{ {M} }} }} }}",
                d => One(Live(Whole("LA", pop)), d["measures"])
                    .Concat(d["byPhase"]!.AsArray().SelectMany(p => One(Live(Whole("P:" + (string)p!["phase"]!, pop)), p["measures"]))));
            yield return new($"schools({args}, {CohortArg(cohort)}, first: 10) {{ nodes {{ urn measures({live}) {{ {M} }} }} }}",
                d => d["nodes"]!.AsArray().SelectMany(n => One(Live(Whole("S:" + (int)n!["urn"]!, pop)), n["measures"])));
        }
        yield return new($"localAuthority {{ cohortGaps({args}, methodology: LIVE) {{ key measures {{ {M} }} rest {{ {M} }} }} }}",
            d => d["cohortGaps"]!.AsArray().SelectMany(g => One(Live(Whole("LA", "C:" + (string)g!["key"]!)), g["measures"])
                .Concat(One(Live(Whole("LA", "R:" + (string)g["key"]!)), g["rest"]))));
        foreach (var vs in ReportingCohort.VirtualSchools)
            yield return new($"virtualSchool(cohort: {vs.Key}) {{ measures({args}) {{ {M} }} trend(grain: WEEK, {args}) {{ period {{ start end }} measures {{ {M} }} }} " +
                $"cohortBreakdown({args}) {{ key measures {{ {M} }} rest {{ {M} }} }} }}",
                d => One(Whole("LA", "ALL", "V:" + vs.Key), d["measures"])
                    .Concat(d["trend"]!.AsArray().SelectMany(p => One(Bucket("LA", "ALL", p!["period"]!, "V:" + vs.Key), p["measures"])))
                    .Concat(d["cohortBreakdown"]!.AsArray().SelectMany(g => One(Whole("LA", "C:" + (string)g!["key"]!, "V:" + vs.Key), g["measures"])
                        .Concat(One(Whole("LA", "R:" + (string)g["key"]!, "V:" + vs.Key), g["rest"])))));
    }

    private void CheckListed(JsonNode d, string filter, Func<string, string, string, Cell?> cellOf, string pop, string field, Func<long, bool> keeps)
    {
        var listed = d["nodes"]!.AsArray().Select(n => (int)n!["urn"]!).Order().ToList();
        var expected = (ownSchool is { } own ? [own] : Schools)
            .Where(u => cellOf($"S:{u}", pop, "E") is { } c && Published.GetValueOrDefault(c)?.GetValueOrDefault(field) is { } v && keeps(v)).Order().ToList();
        if (!listed.SequenceEqual(expected))
            Inconsistencies.Add($"schools(where: {filter}, {pop}) listed [{string.Join(",", listed)}], the published values give [{string.Join(",", expected)}]");
    }

    private void CheckOrder(JsonNode d, string order, Func<string, string, string, Cell?> cellOf, string pop, string field, bool descending)
    {
        var values = d["nodes"]!.AsArray().Select(n => cellOf($"S:{(int)n!["urn"]!}", pop, "E") is { } c ? Published.GetValueOrDefault(c)?.GetValueOrDefault(field) : null).ToList();
        var present = values.TakeWhile(v => v is not null).Select(v => v!.Value).ToList();
        var sorted = descending ? present.OrderDescending() : present.Order();
        if (!present.SequenceEqual(sorted) || values.Skip(present.Count).Any(v => v is not null))
            Inconsistencies.Add($"schools(orderBy: {order}, {pop}) gave {string.Join(",", values)}, not in published order");
    }

    /// <summary>The first and last school day of the hand-checked LA within the range, or null when it holds none.</summary>
    private static (DateOnly, DateOnly)? Clip(DateOnly from, DateOnly to)
    {
        var inside = Days.Where(d => d >= from && d <= to).ToList();
        return inside.Count == 0 ? null : (inside[0], inside[^1]);
    }

    private async Task<List<(Probe[] Probes, JsonObject Attacker, JsonObject Truth)>> Ask(Probe[] probes)
    {
        var document = new StringBuilder("{\n");
        for (var i = 0; i < probes.Length; i++) document.Append($"  p{i}: {probes[i].Field}\n");
        document.Append('}');
        var query = document.ToString();
        var truth = await api.QueryAs(ApiFactory.LaLeadToken, query);
        if (probes.Length > 1 && (string?)truth["errors"]?[0]?["extensions"]?["code"] == "COMPLEXITY")
        {
            // Over the endpoint's complexity limit: ask in two halves.
            return [.. await Ask(probes[..(probes.Length / 2)]), .. await Ask(probes[(probes.Length / 2)..])];
        }
        var attacker = await api.QueryAs(token, query);
        Interlocked.Add(ref requests, 2);
        Assert.True(truth["errors"] is null, $"la-lead: {truth["errors"]?.ToJsonString()}\n{query}");
        // The school role is refused other schools' fields (FORBIDDEN): those probes publish nothing to it.
        Assert.All(attacker["errors"]?.AsArray() ?? [], e => Assert.Equal("FORBIDDEN", (string?)e!["extensions"]?["code"]));
        return [(probes, attacker, truth)];
    }

    private void Absorb(Probe[] probes, JsonObject attacker, JsonObject truth)
    {
        for (var i = 0; i < probes.Length; i++)
        {
            var seen = attacker["data"]?[$"p{i}"];
            if (seen is null) continue;
            if (probes[i].Check is { } check)
            {
                checks.Add(() => check(seen));
                continue;
            }
            var published = probes[i].Extract(seen).ToList();
            var publishedCells = published.Select(p => p.Cell).ToHashSet();
            foreach (var (cell, figures) in published) Record(cell, figures, $"p{i}: {probes[i].Field[..Math.Min(60, probes[i].Field.Length)]}");
            foreach (var (cell, figures) in probes[i].Extract(truth["data"]![$"p{i}"]!))
            {
                Truth.TryAdd(cell, Numbers(figures));
                // A list that leaves a cell out publishes it as empty (a perturbed zero): that is information too.
                if (!publishedCells.Contains(cell) && figures.ContainsKey("enrolments") && Visible(cell))
                    Record(cell, new JsonObject { ["enrolments"] = 0L, ["persistentAbsenceEnrolments"] = 0L, ["severeAbsenceEnrolments"] = 0L }, $"p{i} (left out)");
            }
        }
    }

    /// <summary>Cells the attacker's role may see at all (the school role: the LA, its own phase, its own school; any virtual school).</summary>
    private bool Visible(Cell c) => ownSchool is not { } own || c.Unit != "E" || c.Scope == "LA" || c.Scope == $"S:{own}" || c.Scope == "P:" + PhaseOf[own];

    private static Dictionary<string, long?> Numbers(JsonObject o) =>
        Counts.Concat(Sessions).Where(o.ContainsKey).ToDictionary(f => f, f => o[f] is { } v ? (long?)(long)v : null);

    private void Record(Cell cell, JsonObject figures, string source)
    {
        var numbers = Numbers(figures);
        CheckRates(cell, figures, source);
        if (!Published.TryGetValue(cell, out var known))
        {
            Published[cell] = numbers;
            return;
        }
        foreach (var (field, value) in numbers)
        {
            if (!known.TryGetValue(field, out var before)) known[field] = value;
            else if (before != value) Inconsistencies.Add($"{cell} {field}: {before?.ToString() ?? "null"} elsewhere, {value?.ToString() ?? "null"} from {source}");
        }
    }

    /// <summary>
    /// PA rates must come from the published counts (or be withheld with them); session counts are never published to
    /// a protected cell (any would feed <see cref="SessionIdentitySolver"/>), and session rates are rounded to one decimal.
    /// </summary>
    private void CheckRates(Cell cell, JsonObject f, string source)
    {
        double? expected = f["persistentAbsenceEnrolments"] is { } n && f["enrolments"] is { } d && (long)d > 0 ? Math.Round(100.0 * (long)n / (long)d, 4) : null;
        var actual = f["persistentAbsenceRate"] is { } r ? (double?)r : null;
        if (f.ContainsKey("persistentAbsenceRate") && expected != actual)
            Inconsistencies.Add($"{cell} persistentAbsenceRate {actual} is not persistentAbsenceEnrolments/enrolments = {expected} ({source})");
        if (KnownExact(cell)) return;
        foreach (var session in Sessions.Where(s => f[s] is not null))
            Inconsistencies.Add($"{cell} {session} published under disclosure control ({source})");
        if (f["attendanceRate"] is { } rate && Math.Abs((double)rate * 10 - Math.Round((double)rate * 10)) > 1e-9)
            Inconsistencies.Add($"{cell} attendanceRate {rate} is not rounded to one decimal place ({source})");
    }

    // ---------------------------------------------------------------- attacking

    private bool KnownExact(Cell c) => assumeExact || (ownSchool is { } u && c.Unit == "E" && c.Scope == $"S:{u}");

    private (long Low, long High) Interval(Cell c, string field)
    {
        var figures = Published.GetValueOrDefault(c);
        if (figures is null || !figures.TryGetValue(field, out var value) || value is not { } v) return (0, Inf);
        if (Counts.Contains(field)) return KnownExact(c) || v is >= 1 and <= 5 ? (v, v) : PerturbationTable.Preimage(v);
        // A session count is published only where the figures are exact (CheckRates reports any other as a leak).
        return (v, v);
    }

    private static (long, long) Minus((long Low, long High) a, (long Low, long High) b) =>
        (a.Low - Math.Min(b.High, Inf), a.High >= Inf ? Inf : a.High - b.Low);

    /// <summary>Every true count of 1–5 (or session figure of a cell of 1–5 enrolments) pinned down with certainty.</summary>
    public List<string> Attack()
    {
        var recovered = new List<string>();
        var cells = Truth.Keys.Where(Published.ContainsKey).ToList();
        long T(Cell c, string f) => Truth[c].GetValueOrDefault(f) ?? 0;
        var fields = Counts.Concat(Sessions).ToArray();

        // 1. Cells as parts of a partition: total − the other parts, intersected over every derivation and the cell's own value.
        var bounds = cells.SelectMany(c => fields.Select(f => (c, f))).ToDictionary(k => k, k => Interval(k.c, k.f));
        foreach (var (total, parts) in Partitions(cells))
            foreach (var f in fields)
            {
                if (T(total, f) != parts.Sum(p => T(p, f))) continue; // the attacker only uses relations that hold
                foreach (var target in parts)
                {
                    var derived = parts.Where(p => p != target).Aggregate(Interval(total, f), (acc, p) => Minus(acc, Interval(p, f)));
                    var own = bounds[(target, f)];
                    bounds[(target, f)] = (Math.Max(own.Item1, derived.Item1), Math.Min(own.Item2, derived.Item2));
                }
            }
        foreach (var ((cell, f), (low, high)) in bounds)
        {
            var truth = T(cell, f);
            Assert.True(low <= truth && truth <= high, $"attacker model broken: {cell} {f} true {truth} outside {low}–{high}");
            var small = Counts.Contains(f) ? truth is >= 1 and <= 5 : T(cell, "enrolments") is >= 1 and <= 5;
            if (low == high && small && (assumeExact || !KnownExact(cell))) recovered.Add($"{cell} {f} = {truth}");
        }

        // 2. Overlapping cells: the remainder of a cell less a cell it contains (cohort ⊂ cohort, compulsory ⊂ all ages,
        //    sub-period ⊂ period, school ⊂ phase ⊂ LA, cohort/rest ⊂ everyone, live ⊂ official).
        foreach (var group in cells.GroupBy(c => c.Unit))
        {
            var list = group.ToList();
            foreach (var a in list)
                foreach (var b in list)
                {
                    if (a == b || !Contains(a, b)) continue;
                    foreach (var f in Counts)
                    {
                        var remainder = T(a, f) - T(b, f);
                        if (remainder < 0 || (f != "enrolments" && (a.Pop != b.Pop || a.From != b.From || a.To != b.To))) continue;
                        var (low, high) = Minus(Interval(a, f), Interval(b, f));
                        if (low == high && remainder is >= 1 and <= 5 && (!KnownExact(a) || !KnownExact(b) || assumeExact))
                            recovered.Add($"{a} − {b} {f} = {remainder}");
                    }
                }
        }
        return recovered.Distinct().ToList();
    }

    /// <summary>Totals and parts that add up: LA = Σ phases = Σ schools, phase = Σ its schools, a period = its two halves, everyone = cohort + rest.</summary>
    private IEnumerable<(Cell Total, List<Cell> Parts)> Partitions(List<Cell> cells)
    {
        var set = cells.ToHashSet();
        foreach (var la in cells.Where(c => c.Scope == "LA" && c.Unit == "E"))
        {
            var phases = new[] { "PRIMARY", "SECONDARY" }.Select(p => la with { Scope = "P:" + p }).ToList();
            if (phases.All(set.Contains)) yield return (la, phases);
            var schools = Schools.Select(u => la with { Scope = $"S:{u}" }).ToList();
            if (schools.All(set.Contains)) yield return (la, schools);
            foreach (var phase in phases.Where(set.Contains))
            {
                var inPhase = Schools.Where(u => "P:" + PhaseOf[u] == phase.Scope).Select(u => la with { Scope = $"S:{u}" }).ToList();
                if (inPhase.All(set.Contains)) yield return (phase, inPhase);
            }
        }
        foreach (var all in cells.Where(c => c.Pop == "ALL"))
            foreach (var cohort in cohortMembers.Keys)
            {
                var parts = new List<Cell> { all with { Pop = "C:" + cohort }, all with { Pop = "R:" + cohort } };
                if (parts.All(set.Contains)) yield return (all, parts);
            }
        foreach (var series in cells.GroupBy(c => c with { From = default, To = default }))
        {
            var inSeries = series.ToList();
            foreach (var whole in inSeries)
                foreach (var first in inSeries.Where(c => c.From == whole.From && c.To < whole.To))
                {
                    var second = whole with { From = Days.First(d => d > first.To) };
                    if (set.Contains(second)) yield return (whole, [first, second]);
                }
        }
    }

    // A live cell's enrolments are those of its official twin with more than 10 possible sessions there, so every
    // containment below holds between live cells too (fewer sessions in the smaller cell), and official ⊇ live.
    private bool Contains(Cell a, Cell b) =>
        a.Unit == b.Unit && (!a.Live || b.Live) && (a.AllAges || !b.AllAges) && a.From <= b.From && b.To <= a.To && ScopeContains(a.Scope, b.Scope) && PopContains(a.Pop, b.Pop);

    private static bool ScopeContains(string a, string b) =>
        a == b || a == "LA" || (a.StartsWith("P:") && b.StartsWith("S:") && "P:" + PhaseOf[int.Parse(b[2..])] == a);

    private bool PopContains(string a, string b)
    {
        if (a == b || a == "ALL") return true;
        IReadOnlyList<string> Members(string key) => cohortMembers[key];
        if (a.StartsWith("C:") && b.StartsWith("C:")) return Members(b[2..]).All(Members(a[2..]).Contains);
        if (a.StartsWith("R:") && b.StartsWith("R:")) return Members(a[2..]).All(Members(b[2..]).Contains);
        return false;
    }
}

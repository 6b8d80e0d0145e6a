using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Security;
using AttendanceGraph.Schema.Characteristics;
using AttendanceGraph.Schema.Disclosure;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Rollups;
using AttendanceGraph.Schema.Warehouse;
using GraphQL.DataLoader;

namespace AttendanceGraph.Api.Disclosure;

/// <summary>A measure row as this request may see it.</summary>
public sealed record PublishedRow(int? Urn, string? Phase, DateOnly? BucketStart, string? Cohort, DisclosedMeasures Measures)
{
    /// <summary>The characteristic group's code when the request asked for a breakdown.</summary>
    public string? Group { get; init; }
}

/// <summary>
/// The one source of aggregates for every resolver: measures, trends, cohort comparisons, by-phase figures, benchmarks
/// and peer positions, flat tables, and the school list's filters and sorts all read here, and so see the same
/// published value for the same cell. Whether a cell is exact is decided here too (<see cref="IsExact"/>); every other
/// cell is published by the cell-key method (<see cref="CellKeyPerturbation"/>), from the cell's own values and keys
/// only, never from the query, page or neighbouring cells that asked for it.
/// </summary>
public sealed class ProtectedAggregates(QueryContext data, AccessContext access)
{
    private readonly Dictionary<string, object> derived = new(StringComparer.Ordinal);

    /// <summary>
    /// Who gets exact figures: la-lead and virtual-school unless they ask for disclosure control; the school role only
    /// for cells made of its own school's enrolments (own school, own school's cohorts, trends and rest); bi-reader never,
    /// and nor does a caller with no known role (the endpoints refuse one first; this fails closed if one ever gets here).
    /// </summary>
    public bool IsExact(MeasureRequest request, int? rowUrn)
    {
        if (access.DisclosureControl) return false;
        var user = access.User;
        if (ExactByRole(user)) return true;
        if (!user.IsSchool) return false;
        var urn = request.GroupBy == MeasureGrouping.School ? rowUrn : request.Urns is [var only] ? only : (int?)null;
        return urn is not null && urn == user.Urn && request.Unit == MeasureUnit.Enrolment;
    }

    /// <summary>
    /// How this caller sees the schools of <paramref name="phase"/> when school <paramref name="urn"/> is ranked among them, as
    /// <see cref="IsExact"/> publishes each: all exact, all protected, or the school's own exact among the rest protected. Null
    /// when it sees them otherwise (a school user ranking another school of its own phase sees its own school exact among
    /// the rest): the peers are then read and ranked as published.
    /// </summary>
    public PeerForm? PeerForm(MeasureRequest shape, int urn, string phase)
    {
        if (shape.Unit != MeasureUnit.Enrolment) return null;
        if (access.DisclosureControl) return Schema.Rollups.PeerForm.Protected;
        var user = access.User;
        if (ExactByRole(user)) return Schema.Rollups.PeerForm.Exact;
        if (!user.IsSchool || user.Urn is not { } own) return Schema.Rollups.PeerForm.Protected;
        if (own == urn) return Schema.Rollups.PeerForm.OwnAmongProtected;
        return data.Facts.School(own)?.Phase == phase ? null : Schema.Rollups.PeerForm.Protected;
    }

    /// <summary>
    /// The asked schools' cells of <paramref name="shape"/> (a phase's), the phase's own and the schools' held positions among
    /// it (<see cref="QueryContext.HeldBenchmark"/>), each cell published as <see cref="MeasureTogether"/> publishes the same
    /// two requests' rows; null when the snapshot holds no positions.
    /// </summary>
    public HeldBenchmarkCells? HeldBenchmark(MeasureRequest shape, PeerPositions.Lookup lookup, IReadOnlyList<int> urns)
    {
        var asked = urns.Distinct().ToList();
        var schools = Publishable(shape with { Urns = asked, GroupBy = MeasureGrouping.School });
        var phase = Publishable(shape);
        if (data.HeldBenchmark(Keyed(schools), Keyed(phase), lookup, asked) is not { } held) return null;
        var own = Publish(schools, held.Schools).ToDictionary(r => r.Urn!.Value, r => r.Measures);
        return new HeldBenchmarkCells(asked.ToDictionary(u => u, u => own.GetValueOrDefault(u) ?? Empty(schools, u)),
            Publish(phase, [held.Phase]).FirstOrDefault()?.Measures ?? Empty(phase, null), held.Positions);
    }

    /// <summary>
    /// Every group of the request, as published; a perturbed group published as empty is left out, like a group with no
    /// enrolments. Published once per request (<see cref="Derived{T}"/>): an export executes its document once a page, and
    /// before, a 78-page export turned all 15,600 measured rows into published rows 78 times.
    /// </summary>
    public IReadOnlyList<PublishedRow> Measure(MeasureRequest request) =>
        Derived(MeasureKey(request), () => Publish(request, data.Measure(Keyed(Publishable(request)))));

    private static string MeasureKey(MeasureRequest request) => "measure|" + request.ResultKey;

    /// <summary>
    /// Several requests' rows as published, each as <see cref="Measure"/> gives it, read together: the rows a view needs side by
    /// side (a cohort and the rest beside it, a phase's schools and the phase) cost one warehouse statement, not one each.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<PublishedRow>> MeasureTogether(IReadOnlyList<MeasureRequest> requests)
    {
        var measured = new Lazy<IReadOnlyList<IReadOnlyList<MeasureRow>>>(() => data.MeasureTogether(requests.Select(r => Keyed(Publishable(r))).ToList()));
        return requests.Select((r, i) => Derived(MeasureKey(r), () => Publish(r, measured.Value[i]))).ToList();
    }

    /// <summary>The request's single cell (no grouping), or an empty one.</summary>
    public DisclosedMeasures Single(MeasureRequest request) => Measure(request).FirstOrDefault()?.Measures ?? Empty(request, null);

    /// <summary>One school's rows of <paramref name="shape"/>, batched with every school asking for the same shape.</summary>
    public IDataLoaderResult<IReadOnlyList<PublishedRow>> ForSchool(MeasureRequest shape, int urn) =>
        data.ForSchool(Keyed(Publishable(shape, urn)), urn).Then(rows => Publish(shape with { GroupBy = MeasureGrouping.School }, rows));

    /// <summary>One school's rows of each of <paramref name="shapes"/>, read together and batched with every school asking for the same shapes.</summary>
    public IDataLoaderResult<IReadOnlyList<IReadOnlyList<PublishedRow>>> ForSchoolTogether(IReadOnlyList<MeasureRequest> shapes, int urn) =>
        data.ForSchoolTogether(shapes.Select(s => Keyed(Publishable(s, urn))).ToList(), urn)
            .Then(perShape => (IReadOnlyList<IReadOnlyList<PublishedRow>>)perShape.Select((rows, i) => Publish(shapes[i] with { GroupBy = MeasureGrouping.School }, rows)).ToList());

    /// <summary>Many schools' cells of <paramref name="shape"/> at once (filters, sorts), primed for <see cref="ForSchool"/>.</summary>
    public IReadOnlyDictionary<int, DisclosedMeasures> Schools(MeasureRequest shape, IReadOnlyList<int> urns)
    {
        var grouped = Publishable(shape with { Urns = urns, GroupBy = MeasureGrouping.School });
        if (urns.Count == 0) return new Dictionary<int, DisclosedMeasures>(); // refused as any list would be, then no query
        var rows = data.Measure(Keyed(grouped));
        data.Prime(Keyed(shape), rows);
        var published = Publish(grouped, rows).ToDictionary(r => r.Urn!.Value, r => r.Measures);
        return urns.Distinct().ToDictionary(u => u, u => published.GetValueOrDefault(u) ?? Empty(grouped, u));
    }

    /// <summary>
    /// What <paramref name="compute"/> derives from this request's published cells, worked out once per request and key
    /// (e.g. a phase's peer values, which every school of the phase is ranked against). The key must name everything the
    /// result depends on but the caller, who is the same for the whole request; a failed computation is not kept.
    /// </summary>
    public T Derived<T>(string key, Func<T> compute) where T : class
    {
        lock (derived)
        {
            if (derived.TryGetValue(key, out var known)) return (T)known;
        }
        var value = compute();
        lock (derived)
        {
            return (T)(derived.TryAdd(key, value) ? value : derived[key]);
        }
    }

    /// <summary>A cell with no enrolments, as published.</summary>
    public DisclosedMeasures Empty(MeasureRequest request, int? urn) => Open(request, urn, new MeasureRow(urn, null, null, null, MeasureValues.Empty, CellKeys.None));

    private IReadOnlyList<PublishedRow> Publish(MeasureRequest request, IReadOnlyList<MeasureRow> rows) =>
        rows.Select(r => new PublishedRow(r.Urn, r.Phase, r.BucketStart, r.Cohort, Open(request, r.Urn, r)) { Group = r.Group })
            .Where(r => r.Measures.Values.Enrolments > 0 || IsExact(request, r.Urn))
            .ToList();

    private DisclosedMeasures Open(MeasureRequest request, int? urn, MeasureRow row)
    {
        if (IsExact(request, urn)) return DisclosedMeasures.Open(row.Values);
        return DisclosedMeasures.Protected(CellKeyPerturbation.Publish(row.Values,
            row.Keys ?? throw new InvalidOperationException("a protected cell was measured without its cell keys")));
    }

    /// <summary>
    /// A population other than the LA's schools reaches a protected role only whole. Populations nest (the LA's schools inside
    /// "at the LA's schools or resident"; a Virtual School cohort at any school around the same cohort at the LA's schools), so
    /// the same small group in both publishes one value when none of its pupils lives or is educated elsewhere and, almost
    /// always, two when one does: a group published as 0 elsewhere was found non-empty in 47 of 47 tries (docs/security.md,
    /// the seventh attack). Whole, that says only what every LA knows, that some of its pupils cross its border. A residency
    /// population is whole for the LA, every pupil, no breakdown or filter; a Virtual School figure is whole for its cohort
    /// (no characteristic breakdown or filter) once any other LA's school is loaded, and never by residency. The residency
    /// characteristic is the same channel: its "lives in another LA" group of the LA's schools is the LIVING_ELSEWHERE
    /// population, so a breakdown or filter by residency is published at the same level and no finer. Not by phase: a phase's
    /// cell can be one school's (a pupil referral unit is often all of an LA's compulsory-age OTHER phase, and a phase loses
    /// its second school in some week of a trend), which no count of schools asked beside the cell could rule out for every
    /// bucket, age filter and method. <paramref name="urn"/> is the school a per-school request is for, so that a school's own
    /// figures stay exact.
    /// </summary>
    private MeasureRequest Publishable(MeasureRequest request, int? urn = null)
    {
        var asked = urn is null ? request : request with { Urns = [urn.Value] };
        if (ReachesLaSchoolsOnlyCohortElsewhere(asked)) throw PopulationTooDetailedError.LaSchoolsOnlyCohort();
        if (IsExact(asked, null)) return request;
        var whole = asked.LaPopulation switch
        {
            LaPopulation.LaSchools => !ByResidency(asked) || WholeLa(asked, allowedCharacteristic: Characteristic.Residency),
            LaPopulation.AnySchool => !HasCharacteristic(asked) || !ByResidency(asked) && !data.Query(ServedLocalAuthority.HoldsOtherEnrolments),
            _ => WholeLa(asked, allowedCharacteristic: null),
        };
        return whole ? request : throw new PopulationTooDetailedError();
    }

    /// <summary>
    /// The virtual-school role's figures are exact, but previously looked-after children are its only at the LA's schools
    /// (<see cref="Schema.Cohorts.MembershipCohort.VirtualSchoolAtLaSchoolsOnly"/>): a population reaching other LAs' schools for
    /// such a cohort would give it the sessions its pupil-level view hides (a second cold review: RESIDENT_ELSEWHERE for them
    /// was one child at Merton's school).
    /// </summary>
    private bool ReachesLaSchoolsOnlyCohortElsewhere(MeasureRequest request)
    {
        if (access.User.IsLaLead || !access.User.IsVirtualSchool) return false;
        // The LA's schools, their pupils living elsewhere, and a virtual school's own any-school reach (a cohort within looked-after
        // children or children with a social worker is theirs wherever they are) stay as they were.
        if (request.LaPopulation is LaPopulation.LaSchools or LaPopulation.NonResidents or LaPopulation.AnySchool) return false;
        var cohorts = request.Population == Population.Cohort ? request.Cohorts : [];
        return cohorts.Append(request.WithinCohort).OfType<string>()
            .Any(k => Schema.Cohorts.ReportingCohort.Find(k)?.VirtualSchoolAtLaSchoolsOnly == true);
    }

    private static bool HasCharacteristic(MeasureRequest request) => request.Breakdown is not null || request.Filter is not null;

    private static bool ByResidency(MeasureRequest request) =>
        request.Breakdown is Characteristic.Residency || request.Filter?.Characteristic is Characteristic.Residency;

    /// <summary>The whole LA, every pupil: no phase, cohort, school or characteristic but <paramref name="allowedCharacteristic"/>.</summary>
    private static bool WholeLa(MeasureRequest request, Characteristic? allowedCharacteristic) =>
        (request.Breakdown is null || request.Breakdown == allowedCharacteristic)
        && (request.Filter is null || request.Filter.Characteristic == allowedCharacteristic)
        && request is { Population: Population.AllPupils, WithinCohort: null, Urns: null, Phase: null, GroupBy: MeasureGrouping.None };

    /// <summary>Asks for cell keys unless every cell of the request is exact for this caller.</summary>
    private MeasureRequest Keyed(MeasureRequest request) =>
        !access.DisclosureControl && ExactByRole(access.User) ? request : request with { CellKeys = true };

    private static bool ExactByRole(AttendanceUser user) => user.IsLaLead || user.IsVirtualSchool;
}

/// <summary>A benchmark's held cells as this caller may see them: each asked school's, the phase's, and each school's positions.</summary>
public sealed record HeldBenchmarkCells(IReadOnlyDictionary<int, DisclosedMeasures> Schools, DisclosedMeasures Phase, IReadOnlyDictionary<int, PeerPositions.Position> Positions);

using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Warehouse;

/// <summary>
/// The LA a warehouse serves, recorded in <c>warehouse_info</c> by the first load that knows it (--la, or the one LA of
/// every school loaded). Schools of other LAs may be stored (a GIAS extract lists them; residency will need them) but
/// are out of the LA: never among its schools, never in its, a phase's or a list of schools' figures.
/// </summary>
public static class ServedLocalAuthority
{
    public const string Key = "la_code";

    /// <summary>
    /// The URNs of the LA's own schools. A warehouse with no LA recorded yet (published before the record existed) has
    /// every school in it, as it was. Constant SQL: nothing from a request is in it.
    /// </summary>
    public const string SchoolsSql =
        $"SELECT urn FROM schools WHERE la_code = coalesce((SELECT TRY_CAST(value AS SMALLINT) FROM warehouse_info WHERE key = '{Key}'), la_code)";

    /// <summary>
    /// Whether the snapshot holds enrolments at schools outside the LA (every mark and every week of session totals
    /// belongs to an enrolment), so measures must be scoped to <see cref="SchoolsSql"/>. A GIAS extract's other schools
    /// alone, with no pupils, change no figure, and the semi-join costs: +20–28% on a 25,000-pupil LA's weekly trend
    /// and cohort measures read from the aggregates (medians of 7, 2 contended cores). Until residency data is loaded,
    /// queries are left without it.
    /// </summary>
    public static bool HoldsOtherEnrolments(DuckDBConnection connection) =>
        PublishedSnapshotFacts.Remember(connection, "holds other LAs' enrolments",
            () => connection.Scalar<long>($"SELECT count(*) FROM enrolments WHERE urn NOT IN ({SchoolsSql})") > 0);

    /// <summary>
    /// The URNs of the LA's own schools (<see cref="SchoolsSql"/>), asked once per published snapshot: a statement over
    /// schools a request names can be scoped to the LA before it is written rather than test every row it reads against
    /// the LA's schools (<see cref="Measures.MeasureQuery"/>).
    /// </summary>
    public static IReadOnlySet<int> Schools(DuckDBConnection connection) =>
        PublishedSnapshotFacts.Remember(connection, "the LA's schools", () => connection.Rows(SchoolsSql).Select(r => r.GetInt32(0)).ToHashSet());

    /// <summary>
    /// The LA's UKPRN (how DfE's pupil-level files name an LA): the one DfE rows at its own schools gave as the school's LA; else
    /// the home LA most pupils enrolled at other LAs' schools have (only the LA's resident-pupil download has rows there, and
    /// every one of them lives in the LA). Null until a DfE row says, or in a snapshot published before schema version 5.
    /// Derived from the schools and pupils, so nothing else records it.
    /// </summary>
    public static string? ReadUkprn(DuckDBConnection connection) =>
        connection.Scalar<long>("SELECT count(*) FROM information_schema.columns WHERE table_name = 'schools' AND column_name = 'la_ukprn'") == 0 ? null
            : connection.Scalar<string?>($"""
                SELECT coalesce(
                  (SELECT min(la_ukprn) FROM schools WHERE urn IN ({SchoolsSql})),
                  (SELECT mode(p.home_la_ukprn) FROM pupils p JOIN enrolments e USING (pupil_id)
                   WHERE e.urn NOT IN ({SchoolsSql}) AND p.home_la_ukprn IS NOT NULL))
                """);

    /// <summary>The pupils who live in the LA (as the latest file said). Constant SQL.</summary>
    public const string ResidentPupilsSql = "SELECT pupil_id FROM pupils WHERE resident";

    /// <summary>The pupils known to live outside the LA. Constant SQL.</summary>
    public const string NonResidentPupilsSql = "SELECT pupil_id FROM pupils WHERE NOT resident";

    /// <summary>The recorded LA code, or null when none is recorded yet.</summary>
    public static int? Read(DuckDBConnection connection) =>
        connection.Scalar<string?>("SELECT value FROM warehouse_info WHERE key = $k", ("k", Key)) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public static void Record(DuckDBConnection connection, int laCode) =>
        connection.Execute("INSERT INTO warehouse_info VALUES ($k, $v)", ("k", Key), ("v", laCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

using AttendanceGraph.Api.Common;
using AttendanceGraph.Api.Data;
using AttendanceGraph.Api.Disclosure;
using AttendanceGraph.Schema.Measures;
using GraphQL;

namespace AttendanceGraph.Api.Benchmarks;

/// <summary>A school against the LA for its phase, England for its phase, and its LA peers of the same phase.</summary>
public sealed record SchoolBenchmark(
    SchoolInfo School,
    DisclosedMeasures Measures,
    DisclosedMeasures LocalAuthorityPhase,
    NationalFigure? National,
    IReadOnlyList<PeerPosition> Peers)
{
    /// <summary>
    /// One query per phase and request (the phase's schools), shared by every school of that phase asking in the
    /// same request. The phase as a whole is the sum of its schools: its enrolments are theirs, each in one school.
    /// </summary>
    public static SchoolBenchmark For(IResolveFieldContext c, SchoolInfo school)
    {
        var data = c.Data();
        var shape = c.MeasureRequest() with { IncludeCodes = false, Phase = school.Phase };
        var schools = data.Measure(shape with { GroupBy = MeasureGrouping.School });
        var peers = schools.Where(r => data.Facts.School(r.Urn!.Value)?.Phase == school.Phase).ToList();
        var phase = shape.Unit == MeasureUnit.Enrolment
            ? MeasureValues.SumOfEnrolments(schools.Select(r => r.Values))
            : data.Measure(shape).FirstOrDefault()?.Values ?? MeasureValues.Empty;
        var own = peers.FirstOrDefault(r => r.Urn == school.Urn)?.Values ?? MeasureValues.Empty;
        var national = NationalFigures.For(data.Facts.Benchmarks, school.Phase, shape.Period.AcademicYear);
        var positions = MeasureSelector.Headline.Select(m => Position(m, school.Urn, peers, phase, national)).ToList();
        if (!c.UnderDisclosureControl()) return new SchoolBenchmark(school, DisclosedMeasures.Open(own), DisclosedMeasures.Open(phase), national, positions);
        // Under disclosure control the school and its phase are published as the LA hierarchy publishes them, and a
        // withheld school figure takes its position with it (a rank would narrow the withheld value down).
        var publishedOwn = c.Disclosed().School(shape, school.Urn);
        var publishedPhase = c.Disclosed().Phase(shape, school.Phase);
        positions = positions.Select(p => p with
        {
            Value = publishedOwn.AnySuppressed ? null : p.Value,
            Rank = publishedOwn.AnySuppressed ? null : p.Rank,
            Percentile = publishedOwn.AnySuppressed ? null : p.Percentile,
            Quartile = publishedOwn.AnySuppressed ? null : p.Quartile,
            LocalAuthorityPhaseValue = publishedPhase.AnySuppressed ? null : p.LocalAuthorityPhaseValue,
        }).ToList();
        return new SchoolBenchmark(school, publishedOwn, publishedPhase, national, positions);
    }

    private static PeerPosition Position(MeasureSelector m, int urn, IReadOnlyList<MeasureRow> peers, MeasureValues phase, NationalFigure? national)
    {
        var values = peers.Select(p => (p.Urn, Value: m.Value(p.Values))).Where(p => p.Value is not null).ToList();
        var own = values.FirstOrDefault(v => v.Urn == urn).Value;
        int? rank = null;
        double? percentile = null;
        int? quartile = null;
        if (own is { } v)
        {
            // Competition ranking: 1 + the number of peers strictly better.
            rank = 1 + values.Count(p => m.HigherIsWorse ? p.Value < v : p.Value > v);
            percentile = values.Count == 1 ? 100 : Math.Round(100.0 * (values.Count - rank.Value) / (values.Count - 1), 1);
            quartile = Math.Clamp((int)Math.Ceiling(4.0 * rank.Value / values.Count), 1, 4);
        }
        return new PeerPosition(m, own, rank, values.Count, percentile, quartile, m.Value(phase), NationalFigures.Value(national, m));
    }
}

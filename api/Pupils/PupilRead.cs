using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Api.Pupils;

/// <summary>
/// A pupil-level read about to happen: its kind, its scope (a school, a virtual-school cohort, or one pupil) and the
/// period the data covers (null: not bounded in time, e.g. a pupil's identity or enrolment history).
/// Holds identifiers for authorisation and audit only; never write it to application logs.
/// </summary>
public sealed record PupilRead(PupilReadKind Kind, int? Urn = null, string? Cohort = null, string? Upn = null, Period? Period = null);

namespace AttendanceGraph.Schema.Pupils;

/// <summary>A pupil as the warehouse knows them.</summary>
public sealed record PupilIdentity(int PupilId, string Upn, DateOnly DateOfBirth, string Sex);

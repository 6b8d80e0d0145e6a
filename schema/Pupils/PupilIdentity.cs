using AttendanceGraph.Schema.Codes;
using AttendanceGraph.Schema.Measures;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Schema.Pupils;

/// <summary>A pupil as the warehouse knows them.</summary>
public sealed record PupilIdentity(int PupilId, string Upn, DateOnly DateOfBirth, string Sex);

namespace AttendanceGraph.Api.Schools;

/// <summary>The school's named point of contact in the LA's Attendance Support Team (operational store).</summary>
public sealed record SchoolContact(string? Name, string? Email, bool LightTouch);

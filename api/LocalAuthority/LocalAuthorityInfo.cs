namespace AttendanceGraph.Api.LocalAuthority;

public sealed record LocalAuthorityInfo(int Code, string Name, int Schools);

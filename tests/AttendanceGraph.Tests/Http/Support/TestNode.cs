namespace AttendanceGraph.Tests.Http.Support;

public sealed record TestNode(string Name);

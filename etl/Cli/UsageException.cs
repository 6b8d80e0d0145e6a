namespace AttendanceGraph.Etl.Cli;

public sealed class UsageException(string message) : Exception(message);

namespace AttendanceGraph.Tests.Api;

public static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AttendanceGraph.sln"))) return dir.FullName;
        throw new InvalidOperationException("AttendanceGraph.sln not found above " + AppContext.BaseDirectory);
    }
}

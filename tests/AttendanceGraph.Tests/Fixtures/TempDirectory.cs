namespace AttendanceGraph.Tests.Fixtures;

public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "attendancegraph-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

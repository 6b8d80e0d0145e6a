namespace AttendanceGraph.Etl.Read;

/// <summary>
/// Why a path given to a load cannot be read, in words a person can act on: a broken symbolic link or a link
/// loop said "no such file" or "Too many levels of symbolic links" before, which hid where the problem was.
/// </summary>
internal static class UnreadablePath
{
    public static string Why(string path, Exception? error)
    {
        FileSystemInfo info = new FileInfo(path);
        if (info.LinkTarget is { } target)
        {
            try
            {
                var final = info.ResolveLinkTarget(returnFinalTarget: true);
                if (final is null || !final.Exists)
                    return $"broken symbolic link: it points to '{target}', which does not exist";
            }
            catch (IOException)
            {
                return $"symbolic link loop: '{target}' leads back to itself, so there is no file to read";
            }
        }
        return error switch
        {
            null => "no such file or folder",
            UnauthorizedAccessException => $"permission denied: {error.Message}",
            FileNotFoundException or DirectoryNotFoundException => "no such file or folder",
            _ => $"cannot read file: {error.Message}",
        };
    }
}

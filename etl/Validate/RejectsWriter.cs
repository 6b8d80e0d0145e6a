using System.Text;
using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// Streams every rejected row to a CSV (<c>file,line,column,reason,detail,raw_line</c>). Not thread-safe on
/// its own: <see cref="ValidationReport"/> serialises calls. The file is opened on demand and closed at the
/// end of each stage (read, stream marks) so a caller can read it without disposing anything.
/// </summary>
internal sealed class RejectsWriter(string path)
{
    public const string Header = "file,line,column,reason,detail,raw_line";

    private StreamWriter? writer;
    private bool created;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public void EnsureCreated()
    {
        if (created) return;
        Open();
    }

    public void Write(Rejection r)
    {
        Open();
        var w = writer!;
        w.Write(Escape(r.File)); w.Write(',');
        w.Write(r.Line); w.Write(',');
        w.Write(Escape(r.Column)); w.Write(',');
        w.Write(r.Reason.ToString()); w.Write(',');
        w.Write(Escape(r.Detail)); w.Write(',');
        w.Write(Escape(r.RawLine)); w.Write('\n');
    }

    public void Close()
    {
        writer?.Dispose();
        writer = null;
    }

    private void Open()
    {
        if (writer is not null) return;
        if (!created)
        {
            var dir = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            // CreateNew: a rejects file is never overwritten, even by a load that picked the same name.
            writer = new StreamWriter(new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), new UTF8Encoding(false), 1 << 16);
            writer.Write(Header);
            writer.Write('\n');
            created = true;
        }
        else
        {
            writer = new StreamWriter(Path, append: true, new UTF8Encoding(false), 1 << 16);
        }
    }

    internal static string Escape(string s)
    {
        if (s.AsSpan().IndexOfAny(",\"\r\n") < 0) return s;
        return "\"" + s.Replace("\"", "\"\"") + "\"";
    }
}

namespace AttendanceGraph.Etl.Cli;

/// <summary>Positional arguments and --options (flags or --name value), parsed once and checked by each verb.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> options = new(StringComparer.Ordinal);
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    public CommandLine(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (!a.StartsWith("--", StringComparison.Ordinal)) { Positional.Add(a); continue; }
            var name = a[2..];
            var eq = name.IndexOf('=');
            if (eq >= 0) options[name[..eq]] = name[(eq + 1)..];
            else if (flags.Contains(name)) options[name] = null;
            else if (i + 1 < list.Count) options[name] = list[++i];
            else throw new UsageException($"--{name} needs a value");
        }
    }

    public List<string> Positional { get; } = [];

    public bool Flag(string name) { read.Add(name); return options.ContainsKey(name); }

    public string? Value(string name) { read.Add(name); return options.GetValueOrDefault(name); }

    public int? Int(string name)
    {
        var v = Value(name);
        if (v is null) return null;
        return int.TryParse(v, out var n) ? n : throw new UsageException($"--{name} must be a whole number, got '{v}'");
    }

    public DateOnly? Date(string name)
    {
        var v = Value(name);
        if (v is null) return null;
        return DateOnly.TryParseExact(v, "yyyy-MM-dd", out var d) ? d : throw new UsageException($"--{name} must be a date like 2026-11-20, got '{v}'");
    }

    /// <summary>Fails on options the verb does not know, so a typo is never silently ignored.</summary>
    public void RejectUnknown()
    {
        var unknown = options.Keys.Where(k => !read.Contains(k)).ToList();
        if (unknown.Count > 0) throw new UsageException($"unknown option{(unknown.Count > 1 ? "s" : "")}: {string.Join(", ", unknown.Select(u => "--" + u))}");
    }
}

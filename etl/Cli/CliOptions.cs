using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace AttendanceGraph.Etl.Cli;

/// <summary>
/// The ETL's options, built the same way for every verb: a whole number or a date that does not parse is a usage
/// error naming the option and what it got (exit 2), never a default quietly taken; a flag takes no value.
/// </summary>
internal static class CliOptions
{
    public static Option<string?> Warehouse() => new("--warehouse")
    {
        Description = "The warehouse folder (default: $ATTENDANCEGRAPH_DATA, else ./data)",
        HelpName = "DIR",
    };

    public static Option<int?> La() => Int("--la",
        "The LA the warehouse serves (DfE 3-digit code), recorded by the first load; without it the first load takes the " +
        "one LA of its schools and refuses schools of several; a later --la naming another LA is refused", "CODE");

    public static Option<bool> LegacyCodes() => Flag("--legacy-codes", "Accept the 2006 regulations' register codes (history before August 2024)");

    public static Option<int?> Threads() => Int("--threads", "Parser threads for the marks, and readers of DfE files (at most 2; 1 reads them on the load's thread) (default 2)");

    /// <summary>
    /// The files or folders a verb reads. The parser hands an unknown option to the verb's arguments as a file name
    /// (`load a.csv --skip-invalid-rows` would then reject "--skip-invalid-rows: no such file"): a word that starts
    /// like an option is a usage error instead, as a typo must be. A file whose name starts with '-' is given as ./-name.
    /// </summary>
    public static Argument<string[]> FilesArgument(string verb)
    {
        var files = new Argument<string[]>("files")
        {
            Description = $"The files or folders to {verb} (a folder: its *.csv files), each recognised by its header",
            HelpName = "files or folders",
            Arity = ArgumentArity.OneOrMore,
        };
        files.Validators.Add(r =>
        {
            var unknown = r.Tokens.Select(t => t.Value).Where(LooksLikeAnOption).ToList();
            if (unknown.Count > 0)
                r.AddError($"unknown option{(unknown.Count > 1 ? "s" : "")} for {verb}: {string.Join(", ", unknown)} (see --help)");
        });
        return files;
    }

    private static bool LooksLikeAnOption(string word) => word.Length > 1 && word[0] == '-' && !char.IsDigit(word[1]);

    public static Option<bool> Flag(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.Zero,
    };

    public static Option<string?> Text(string name, string description, string helpName, bool required = false) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Required = required,
    };

    public static Option<int?> Int(string name, string description, string helpName = "N", bool required = false) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Required = required,
        CustomParser = r => Value(r) is not { } v ? null
            : int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
            : Error<int?>(r, $"{name} must be a whole number, got '{v}'"),
    };

    public static Option<DateOnly?> Date(string name, string description, bool required = false) => new(name)
    {
        Description = description,
        HelpName = "yyyy-mm-dd",
        Required = required,
        CustomParser = r => Value(r) is not { } v ? null
            : DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : Error<DateOnly?>(r, $"{name} must be a date like 2026-11-20, got '{v}'"),
    };

    private static string? Value(ArgumentResult r) => r.Tokens.Count > 0 ? r.Tokens[^1].Value : null;

    private static T? Error<T>(ArgumentResult r, string message)
    {
        r.AddError(message);
        return default;
    }
}

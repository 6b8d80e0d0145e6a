using System.CommandLine;
using AttendanceGraph.Etl.Cli;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Etl;

/// <summary>
/// The command line on System.CommandLine (issue 12 item 9): every verb and option keeps its name, has a description
/// and shows in `--help`; a command line the parser or the verb refuses exits 2 with "error: …" naming what was wrong,
/// followed by that verb's help, and does nothing.
/// </summary>
public sealed class CommandLineTests
{
    public static TheoryData<string, string[]> VerbsAndTheirOptions => new()
    {
        { "load", ["--la", "--warehouse", "--legacy-codes", "--skip-invalid", "--force", "--threads", "--as-of", "--future-days", "--period-start", "--period-end"] },
        { "validate", ["--la", "--warehouse", "--legacy-codes", "--threads", "--as-of", "--future-days", "--period-start", "--period-end"] },
        { "generate", ["--out", "--schools", "--pupils", "--years", "--seed", "--as-of"] },
        { "status", ["--warehouse"] },
        { "recover", ["--from", "--latest-intact", "--warehouse"] },
        { "api-key create", ["--name", "--role", "--urn", "--expires", "--any-query", "--warehouse"] },
        { "api-key list", ["--warehouse"] },
        { "api-key revoke", ["--id", "--warehouse"] },
        { "export", ["--out", "--warehouse"] },
    };

    [Theory]
    [MemberData(nameof(VerbsAndTheirOptions))]
    public void EveryVerbsHelp_ListsEachOfItsOptions(string verb, string[] options)
    {
        var (code, output, error) = EtlWarehouse.Cli([.. verb.Split(' '), "--help"]);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains($"attendancegraph-etl {verb}", output);
        foreach (var option in options) Assert.Contains($"  {option}", output);
        // And exactly those: an option added later joins this list, so its name is a decision, not an accident.
        var command = Find(EtlProgram.Commands(), verb.Split(' '));
        Assert.Equal(options.Order(), command.Options.Where(o => o.Name != "--help").Select(o => o.Name).Order());
    }

    [Fact]
    public void EveryVerbAndOption_HasADescription()
    {
        foreach (var command in All(EtlProgram.Commands()))
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), command.Name);
            foreach (var o in command.Options) Assert.False(string.IsNullOrWhiteSpace(o.Description), $"{command.Name} {o.Name}");
            foreach (var a in command.Arguments) Assert.False(string.IsNullOrWhiteSpace(a.Description), $"{command.Name} {a.Name}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("help")]
    [InlineData("--help")]
    public void TheTopLevelHelp_ListsTheVerbsAndTheExitCodes(string args)
    {
        var (code, output, _) = EtlWarehouse.Cli(args.Length == 0 ? [] : [args]);

        // No arguments at all is a usage error, but still prints the help where it was asked for.
        Assert.Equal(args.Length == 0 ? ExitCodes.Usage : ExitCodes.Success, code);
        foreach (var verb in new[] { "load", "validate", "generate", "status", "recover", "api-key" }) Assert.Contains($"  {verb}", output);
        Assert.Contains("5  the warehouse is damaged", output);
    }

    [Theory]
    [InlineData("load {files} --skip-invalid-rows", "unknown option for load: --skip-invalid-rows")]
    [InlineData("load {files} -x --bogus", "unknown options for load: -x, --bogus")]
    [InlineData("validate {files} --nope", "unknown option for validate: --nope")]
    [InlineData("status --bogus", "Unrecognized command or argument '--bogus'")]
    [InlineData("load {files} --la", "Required argument missing for option: '--la'")]
    [InlineData("load {files} --la three-one-nine", "--la must be a whole number, got 'three-one-nine'")]
    [InlineData("load {files} --threads", "Required argument missing for option: '--threads'")]
    [InlineData("load", "Required argument missing for command: 'load'")]
    [InlineData("generate", "Option '--out' is required")]
    [InlineData("api-key", "Required command was not provided")]
    [InlineData("api-key create --name x --role bi-reader --expires 31/08/2027", "--expires must be a date like 2026-11-20, got '31/08/2027'")]
    [InlineData("recover --from warehouse-000001.duckdb --latest-intact", "recover needs either --from <snapshot name> or --latest-intact")]
    [InlineData("unload {files}", "Unrecognized command or argument 'unload'")]
    public void AWrongCommandLine_ExitsWithTheUsageCode_SaysWhatIsWrong_AndDoesNothing(string args, string message)
    {
        using var w = new EtlWarehouse();
        // --warehouse right after the verb: at the end it would be the value a trailing "--la" lacks.
        var words = args.Split(' ').ToList();
        var verbs = words.TakeWhile(a => !a.StartsWith('-') && a != "{files}").Count();
        words.InsertRange(verbs, ["--warehouse", w.Paths.Root]);
        words = words.Select(a => a == "{files}" ? w.HandChecked : a).ToList();

        var (code, output, error) = EtlWarehouse.Cli([.. words]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("error: ", error);
        Assert.Contains(message, error);
        Assert.Contains("Usage:", error); // the verb's help follows the message
        Assert.Equal("", output);
        Assert.False(Directory.Exists(w.Paths.Root), "a usage error must not even create the warehouse folder");
    }

    [Fact]
    public void AUsageError_IsFollowedByTheHelpOfTheVerbItWasFor()
    {
        var (_, _, error) = EtlWarehouse.Cli("api-key", "revoke", "--id", "seven");

        Assert.Contains("--id must be a whole number, got 'seven'", error);
        Assert.Contains("attendancegraph-etl api-key revoke", error);
        Assert.DoesNotContain("--expires", error);
    }

    private static Command Find(Command root, IEnumerable<string> path) =>
        path.Aggregate(root, (c, name) => c.Subcommands.Single(s => s.Name == name));

    private static IEnumerable<Command> All(Command c) => c.Subcommands.SelectMany(All).Prepend(c);
}

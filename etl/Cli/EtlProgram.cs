using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Cli;

/// <summary>
/// The verbs on System.CommandLine, with <c>--help</c> on each. Exit codes: see <see cref="ExitCodes"/> (0 loaded,
/// 1 rejected, 2 usage, 3 failure, 4 loaded with input skipped, 5 damaged warehouse). A command line the parser
/// refuses, or one a verb finds wrong (<see cref="UsageException"/>), prints "error: …" and that verb's help to the
/// error stream and exits 2, having done nothing.
/// </summary>
public static class EtlProgram
{
    public const string Name = "attendancegraph-etl";

    private const string Description = """
        AttendanceGraph ETL: loads schools' registers, the GIAS directory, the LA's cohort data, DfE pupil-level
        attendance files and EES benchmarks into the warehouse, atomically. The warehouse folder is --warehouse,
        else $ATTENDANCEGRAPH_DATA, else ./data. `<verb> --help` describes a verb and its options.

        Exit codes:
          0  every file given was read and loaded, or recognised as already loaded unchanged (validate: no errors)
          1  rejected: a file or row was rejected (unreadable, missing, broken link, wrong encoding, unrecognised
             header, invalid rows) or nothing valid remained; nothing was published
          2  wrong command line; nothing was done
          3  failed (disk full, permission, damaged snapshot, …); nothing was published; the message is the cause
          4  loaded with --skip-invalid, but some files or rows were skipped (listed above the exit)
          5  the warehouse is damaged (CURRENT empty, unreadable or dangling): nothing was done; see recover
        """;

    /// <summary>The command tree; built for each run (a parse keeps no state between runs, but the tree is cheap).</summary>
    public static Command Commands() => new(Name, Description)
    {
        new HelpOption { Recursive = true },
        LoadCommand.Create(),
        ValidateCommand.Create(),
        GenerateCommand.Create(),
        StatusCommand.Create(),
        RecoverCommand.Create(),
        ApiKeyCommand.Create(),
        ExportCommand.Create(),
    };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = Commands();
        if (args.Length == 0)
        {
            Help(root, [], output);
            return ExitCodes.Usage;
        }
        // `help` and `help <verb>` as before, now the verb's own --help.
        if (args[0] == "help") args = [.. args[1..], "--help"];
        var parsed = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            if (parsed.Action is ParseErrorAction)
                throw new UsageException(string.Join("\n", parsed.Errors.Select(e => e.Message).Distinct()));
            return parsed.Invoke(invocation);
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}\n");
            Help(root, VerbPath(parsed), error);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is WarehouseDamagedException || e.InnerException is WarehouseDamagedException)
        {
            // A load wraps its cause (LoadFailedException) to add a run-log problem after it; the code is the cause's.
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.WarehouseDamaged;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>The verb (and sub-verb) the command line reached, e.g. ["api-key", "create"]: its help follows a usage error.</summary>
    private static string[] VerbPath(ParseResult parsed)
    {
        var path = new List<string>();
        for (SymbolResult? r = parsed.CommandResult; r is CommandResult c && c.Parent is not null; r = r.Parent)
            path.Insert(0, c.Command.Name);
        return [.. path];
    }

    private static void Help(Command root, string[] verbs, TextWriter to) =>
        root.Parse([.. verbs, "--help"]).Invoke(new InvocationConfiguration { Output = to, Error = to });
}

using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;

namespace AttendanceGraph.Etl.Cli;

/// <summary>Dispatches a verb. Exit codes: see <see cref="ExitCodes"/> (0 loaded, 1 rejected, 2 usage, 3 failure, 4 loaded with input skipped, 5 damaged warehouse).</summary>
public static class EtlProgram
{
    private static readonly HashSet<string> Flags = ["legacy-codes", "skip-invalid", "force", "latest-intact", "any-query"];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage.Text);
            return args.Length == 0 ? ExitCodes.Usage : 0;
        }
        try
        {
            var cl = new CommandLine(args.Skip(1), Flags);
            return args[0] switch
            {
                "load" => LoadCommand.Run(cl, output),
                "validate" => ValidateCommand.Run(cl, output),
                "generate" => GenerateCommand.Run(cl, output),
                "status" => StatusCommand.Run(cl, output),
                "recover" => RecoverCommand.Run(cl, output),
                "api-key" => ApiKeyCommand.Run(cl, output),
                _ => throw new UsageException($"unknown verb '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine($"error: {e.Message}\n\n{Usage.Text}");
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
}

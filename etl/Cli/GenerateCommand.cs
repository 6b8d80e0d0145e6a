using System.CommandLine;
using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Etl.Pipeline;

namespace AttendanceGraph.Etl.Cli;

public static class GenerateCommand
{
    public static Command Create()
    {
        var defaults = new GeneratorOptions();
        var outDir = CliOptions.Text("--out", "The folder to write the input files to (created if missing)", "DIR", required: true);
        var schools = CliOptions.Int("--schools", $"Schools with pupils, split 41:15:4 primary, secondary, special like Sutton (default {defaults.Schools}; at least 3)");
        var pupils = CliOptions.Int("--pupils", "Pupils on roll across the LA (default: typical school sizes, primary ~226, secondary ~917, special ~130)");
        var years = CliOptions.Int("--years", $"Academic years of registers, ending with the one holding --as-of (default {defaults.Years})");
        var seed = CliOptions.Int("--seed", $"The random seed: the same seed and options write the same files (default {defaults.Seed})", "S");
        var asOf = CliOptions.Date("--as-of", "The extract date: registers run up to it (default: today)");
        var command = new Command("generate",
            "Writes a realistic synthetic local authority in the input formats (GIAS extract, pupils, marks, cohort " +
            "files, and under dfe/ the DfE pupil-level attendance file the registers add up to); deterministic for a seed.")
        {
            outDir, schools, pupils, years, seed, asOf,
        };
        command.SetAction(r =>
        {
            var options = defaults with
            {
                Schools = r.GetValue(schools) ?? defaults.Schools,
                Pupils = r.GetValue(pupils) ?? defaults.Pupils,
                Years = r.GetValue(years) ?? defaults.Years,
                Seed = r.GetValue(seed) ?? defaults.Seed,
                AsOf = r.GetValue(asOf) ?? defaults.AsOf,
            };
            return Run(options, r.GetRequiredValue(outDir)!, r.InvocationConfiguration.Output);
        });
        return command;
    }

    private static int Run(GeneratorOptions options, string outDir, TextWriter output)
    {
        var result = ConsoleProgress.Run(output, "schools simulated", (progress, advance) =>
            new DemoAuthorityGenerator().Generate(options, outDir, progress,
                advance is null ? null : new ImmediateProgress<(int Done, int Total)>(s => advance(s.Done, s.Total))));
        output.WriteLine($"wrote {result.Schools:N0} schools, {result.Pupils:N0} pupils, {result.Enrolments:N0} enrolments, " +
                         $"{result.Marks:N0} marks and {result.Memberships:N0} cohort memberships to {Path.GetFullPath(outDir)} " +
                         $"in {result.Elapsed.TotalSeconds:N1} s:");
        foreach (var file in result.Files) output.WriteLine($"  {Path.GetFileName(file)}");
        // The same registers as DfE's pupil-level file, in a folder of its own: loading the LA's folder loads the
        // registers, loading dfe/ with the schools and cohort files loads the same LA from weekly totals.
        var dfe = Directory.CreateDirectory(Path.Combine(outDir, "dfe")).FullName;
        var totals = SessionTotalsFileWriter.Write(Path.Combine(outDir, DemoAuthorityGenerator.MarksFileName),
            Path.Combine(outDir, PupilsFileWriter.FileName), Path.Combine(dfe, SessionTotalsFileWriter.FileName), options.LaCode);
        output.WriteLine($"and the DfE pupil-level attendance file those registers add up to: dfe/{Path.GetFileName(totals)}");
        return 0;
    }
}

using AttendanceGraph.Etl.Generate;
using AttendanceGraph.Etl.Pipeline;

namespace AttendanceGraph.Etl.Cli;

public static class GenerateCommand
{
    public static int Run(CommandLine cl, TextWriter output)
    {
        var defaults = new GeneratorOptions();
        var options = defaults with
        {
            Schools = cl.Int("schools") ?? defaults.Schools,
            Pupils = cl.Int("pupils") ?? defaults.Pupils,
            Years = cl.Int("years") ?? defaults.Years,
            Seed = cl.Int("seed") ?? defaults.Seed,
            AsOf = cl.Date("as-of") ?? defaults.AsOf,
        };
        var outDir = cl.Value("out") ?? throw new UsageException("generate needs --out DIR");
        cl.RejectUnknown();
        var result = new DemoAuthorityGenerator().Generate(options, outDir, new ImmediateProgress<string>(output.WriteLine));
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

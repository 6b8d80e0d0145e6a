using AttendanceGraph.Etl.Generate;

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
        var result = new DemoAuthorityGenerator().Generate(options, outDir, new Progress<string>(output.WriteLine));
        output.WriteLine(result.ToString());
        return 0;
    }
}

namespace AttendanceGraph.Benchmarks.Cli;

/// <summary>What to run, parsed from the command line. Defaults are the issue's full-size authority.</summary>
public sealed record BenchmarkOptions
{
    public static readonly string[] AllSections = ["load", "dfe", "api", "cold", "overhead", "peer", "scale", "protection", "propagation", "abuse", "soak", "export", "dashboard"];

    public int Pupils { get; init; } = 100_000;
    public int Schools { get; init; } = 400;
    public int Years { get; init; } = 1;
    public int Seed { get; init; } = 42;
    public int Runs { get; init; } = 3;
    /// <summary>Requests per query per concurrency level in the api section (and per query in overhead/scale).</summary>
    public int Requests { get; init; } = 200;
    public IReadOnlyList<string> Sections { get; init; } = AllSections;
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 8, 32];
    /// <summary>Multiples of the chosen size the scale section measures (issue 15: up to 4 ×).</summary>
    public IReadOnlyList<double> ScaleMultiples { get; init; } = [0.25, 0.5, 1, 2, 4];
    public bool Smoke { get; init; }
    public string? Peer { get; init; }
    /// <summary>Empty = benchmark-results.json in the cache folder (gitignored).</summary>
    public string OutPath { get; init; } = "";
    public string CacheDir { get; init; } = "";
    /// <summary>Concurrent clients of the soak section.</summary>
    public int Clients { get; init; } = 16;
    /// <summary>How long the soak's clients run.</summary>
    public TimeSpan SoakDuration { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Time between the soak's incremental loads.</summary>
    public TimeSpan LoadEvery { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>Time between the soak's samples of the API's RSS and threads.</summary>
    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Bound on one concurrency level of one query, so a slow API cannot hang the run.</summary>
    public TimeSpan LevelTimeBudget { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Builds of the API (<see cref="Api.ApiBuild"/>): the first-visit sections (export, dashboard) measure each side
    /// by side; every other section starts the first listed.</summary>
    public IReadOnlyList<string> ApiBuilds { get; init; } = [Api.ApiBuild.Run, Api.ApiBuild.Published];
    /// <summary>A published AttendanceGraph.Api.dll to measure as the published build instead of publishing one.</summary>
    public string? ApiPath { get; init; }
    /// <summary>Environment variables set on every API process the run starts (`--api-env NAME=VALUE`, repeatable), e.g. a
    /// runtime setting such as DOTNET_TieredPGO=0 to compare against the default.</summary>
    public IReadOnlyDictionary<string, string> ApiEnvironment { get; init; } = new Dictionary<string, string>();

    public static string Usage => """
        dotnet run -c Release --project tests/AttendanceGraph.Benchmarks -- [options]
          --pupils N        pupils in the generated authority (default 100000)
          --schools N       schools with pupils (default 400)
          --years N         academic years of marks (default 1)
          --seed N          generator seed (default 42)
          --sections LIST   comma list of load,dfe,api,cold,overhead,peer,scale,protection,propagation,abuse,soak,export,dashboard (default all; peer needs --peer postgres)
          --runs N          repetitions per measurement (default 3)
          --requests N      requests per query per concurrency level (default 200)
          --clients N       soak: concurrent clients (default 16)
          --soak-minutes M  soak: how long the clients run (default 10)
          --load-every M    soak: minutes between incremental loads (default 2)
          --scale-multiples LIST  scale: comma list of multiples of the size (default 0.25,0.5,1,2,4; smoke 1,4)
          --smoke           tiny run of every section (3 schools, 300 pupils, 1 run, few requests, a 30 s soak)
          --peer postgres   run the PostgreSQL 15 peer section (installs postgresql-15 with apt-get if missing)
          --out PATH        JSON file of every figure (default CACHE/benchmark-results.json)
          --cache DIR       generated data cache (default tests/AttendanceGraph.Benchmarks/cache)
          --api-build LIST  comma list of run,published: the API as `dotnet run` builds it (JIT) and/or as
                            `dotnet publish api -c Release` deploys it (ReadyToRun, published beside the benchmark);
                            export and dashboard measure each side by side, other sections the first (default run,published)
          --api PATH        a published AttendanceGraph.Api.dll to measure as the published build (no publish)
          --api-env N=V     an environment variable for every API process, e.g. DOTNET_TieredPGO=0 (repeatable)
        """;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchmarkOptions();
        var smoke = args.Contains("--smoke");
        if (smoke)
            o = o with
            {
                Smoke = true, Pupils = 300, Schools = 3, Years = 1, Runs = 1, Requests = 10, ScaleMultiples = [1, 4],
                LevelTimeBudget = TimeSpan.FromSeconds(15),
                SoakDuration = TimeSpan.FromSeconds(30), LoadEvery = TimeSpan.FromSeconds(10), SampleEvery = TimeSpan.FromSeconds(5),
            };
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.TryParse(Next(), out var n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} needs a positive integer");
            TimeSpan NextMinutes() => double.TryParse(Next(), System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0
                ? TimeSpan.FromMinutes(m) : throw new ArgumentException($"{args[i - 1]} needs a positive number of minutes");
            o = args[i] switch
            {
                "--smoke" => o,
                "--pupils" => o with { Pupils = NextInt() },
                "--schools" => o with { Schools = Math.Max(3, NextInt()) },
                "--years" => o with { Years = NextInt() },
                "--seed" => o with { Seed = NextInt() },
                "--runs" => o with { Runs = NextInt() },
                "--requests" => o with { Requests = NextInt() },
                "--clients" => o with { Clients = NextInt() },
                "--soak-minutes" => o with { SoakDuration = NextMinutes() },
                "--load-every" => o with { LoadEvery = NextMinutes() },
                "--sections" => o with { Sections = ParseSections(Next()) },
                "--scale-multiples" => o with { ScaleMultiples = ParseMultiples(Next()) },
                "--peer" => o with { Peer = Next().ToLowerInvariant() is "postgres" or "postgresql" ? "postgres" : throw new ArgumentException("--peer supports only postgres") },
                "--out" => o with { OutPath = Next() },
                "--cache" => o with { CacheDir = Next() },
                "--api-build" => o with { ApiBuilds = ParseApiBuilds(Next()) },
                "--api" => o with { ApiPath = Next() },
                "--api-env" => o with { ApiEnvironment = WithVariable(o.ApiEnvironment, Next()) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        return o;
    }

    private static IReadOnlyList<double> ParseMultiples(string list)
    {
        var multiples = new List<double>();
        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            multiples.Add(double.TryParse(item, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0 && double.IsFinite(m)
                ? m : throw new ArgumentException($"--scale-multiples needs positive numbers ('{item}' is not)"));
        return multiples.Count > 0 ? multiples : throw new ArgumentException("--scale-multiples needs at least one multiple");
    }

    private static IReadOnlyDictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> env, string assignment)
    {
        var eq = assignment.IndexOf('=');
        if (eq <= 0) throw new ArgumentException($"--api-env needs NAME=VALUE ('{assignment}' is not)");
        return new Dictionary<string, string>(env) { [assignment[..eq]] = assignment[(eq + 1)..] };
    }

    private static IReadOnlyList<string> ParseApiBuilds(string list)
    {
        var builds = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).Distinct().ToList();
        foreach (var b in builds)
            if (!Api.ApiBuild.Names.Contains(b)) throw new ArgumentException($"unknown API build '{b}' (known: {string.Join(", ", Api.ApiBuild.Names)})");
        return builds.Count > 0 ? builds : throw new ArgumentException("--api-build needs run, published or both");
    }

    private static IReadOnlyList<string> ParseSections(string list)
    {
        var sections = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToList();
        foreach (var s in sections)
            if (!AllSections.Contains(s)) throw new ArgumentException($"unknown section '{s}' (known: {string.Join(", ", AllSections)})");
        return sections;
    }
}

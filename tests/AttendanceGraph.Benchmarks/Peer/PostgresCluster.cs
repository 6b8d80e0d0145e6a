using System.Text.RegularExpressions;

namespace AttendanceGraph.Benchmarks.Peer;

/// <summary>
/// A throwaway PostgreSQL 15 cluster: Debian's postgresql-15 (installed with apt-get when missing), initdb'd in a
/// temp folder owned by the postgres user, run on a free loopback port via `runuser -u postgres --`, and stopped and
/// deleted on dispose. Memory settings are stated, not tuned per query.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    public const string BinDir = "/usr/lib/postgresql/15/bin";
    public static readonly string[] Settings =
        ["shared_buffers=1GB", "work_mem=256MB", "maintenance_work_mem=1GB", "max_wal_size=8GB", "max_parallel_workers_per_gather=2", "listen_addresses=127.0.0.1"];

    private readonly string folder;
    private bool started;

    private PostgresCluster(string folder, int port)
    {
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }
    public string DataDir => Path.Combine(folder, "data");
    public string Version { get; private set; } = "";

    public static void EnsureInstalled(Action<string> log)
    {
        if (File.Exists(Path.Combine(BinDir, "initdb"))) return;
        if (Environment.UserName != "root") throw new InvalidOperationException($"{BinDir}/initdb is missing and installing postgresql-15 needs root");
        var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        log("postgresql-15 missing: apt-get install -y postgresql-15");
        try { ProcessRunner.Run("apt-get", ["install", "-y", "--no-install-recommends", "postgresql-15"], TimeSpan.FromMinutes(10), env); }
        catch (InvalidOperationException)
        {
            ProcessRunner.Run("apt-get", ["update"], TimeSpan.FromMinutes(5), env);
            ProcessRunner.Run("apt-get", ["install", "-y", "--no-install-recommends", "postgresql-15"], TimeSpan.FromMinutes(10), env);
        }
        if (!File.Exists(Path.Combine(BinDir, "initdb"))) throw new InvalidOperationException("apt-get finished but initdb is still missing");
    }

    public static PostgresCluster Start()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ag-bench-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(folder);
        var cluster = new PostgresCluster(folder, LoopbackPort.Free());
        try
        {
            ProcessRunner.Run("chown", ["postgres:postgres", folder], TimeSpan.FromSeconds(10));
            AsPostgres("initdb", ["-D", cluster.DataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"], TimeSpan.FromMinutes(2));
            var options = $"-p {cluster.Port} -k {folder} " + string.Join(' ', Settings.Select(s => "-c " + s));
            AsPostgres("pg_ctl", ["-D", cluster.DataDir, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start"], TimeSpan.FromSeconds(90));
            cluster.started = true;
            cluster.Version = new Psql(cluster.Port).Scalar("SHOW server_version");
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    private static string AsPostgres(string tool, IEnumerable<string> args, TimeSpan timeout) =>
        ProcessRunner.Run("runuser", new[] { "-u", "postgres", "--", Path.Combine(BinDir, tool) }.Concat(args), timeout);

    public void Dispose()
    {
        try
        {
            if (started) AsPostgres("pg_ctl", ["-D", DataDir, "-m", "fast", "-w", "stop"], TimeSpan.FromSeconds(60));
        }
        catch (Exception e) { Console.Error.WriteLine($"[peer] stopping PostgreSQL: {e.Message}"); }
        try { Directory.Delete(folder, recursive: true); }
        catch (Exception e) { Console.Error.WriteLine($"[peer] deleting {folder}: {e.Message}"); }
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace AttendanceGraph.Schema.Operational;

/// <summary>
/// The small operational store (SQLite): the school directory with contacts, the ETL run log, the pupil access audit,
/// Targeting Support Meetings with the actions agreed for each pupil, and
/// the BI tools' API keys (hashed).
/// </summary>
public sealed class OperationalDb(DbContextOptions<OperationalDb> options) : DbContext(options)
{
    public DbSet<SchoolDirectoryEntry> Schools => Set<SchoolDirectoryEntry>();
    public DbSet<EtlRun> EtlRuns => Set<EtlRun>();
    public DbSet<PupilAccessAuditEntry> PupilAccessAudit => Set<PupilAccessAuditEntry>();
    public DbSet<TargetingSupportMeeting> TargetingSupportMeetings => Set<TargetingSupportMeeting>();
    public DbSet<TsmPupilAction> TsmPupilActions => Set<TsmPupilAction>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Ensured = new(StringComparer.Ordinal);

    public static OperationalDb Open(string path)
    {
        var options = new DbContextOptionsBuilder<OperationalDb>()
            .UseSqlite($"Data Source={path};Pooling=False")
            .Options;
        var db = new OperationalDb(options);
        // The schema is checked once per file per process, not at every open: the check runs EF's migrations differ over the
        // whole model (15–250 ms warm, and every pupil-level read opens the store to write its audit entry). A file deleted
        // since is created again.
        var full = Path.GetFullPath(path);
        if (!Ensured.ContainsKey(full) || !File.Exists(full))
        {
            if (!db.Database.EnsureCreated()) db.CreateMissingTables();
            Ensured[full] = true;
        }
        return db;
    }

    /// <summary>
    /// Schema evolution for an existing file (EnsureCreated only creates a whole new database): the tables, and their
    /// indexes, that the model has and the file lacks are created from EF's own create operations. Only additive
    /// changes (new entities) are handled this way; changing an existing table needs a real migration.
    /// </summary>
    public void CreateMissingTables()
    {
        var existing = Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToHashSet();
        var model = this.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var operations = this.GetService<IMigrationsModelDiffer>().GetDifferences(null, model)
            .Where(o => o switch
            {
                CreateTableOperation t => !existing.Contains(t.Name),
                CreateIndexOperation i => !existing.Contains(i.Table),
                _ => false,
            }).ToList();
        if (operations.Count == 0) return;
        foreach (var command in this.GetService<IMigrationsSqlGenerator>().Generate(operations, this.GetService<IDesignTimeModel>().Model))
            Database.ExecuteSqlRaw(command.CommandText);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<SchoolDirectoryEntry>(e =>
        {
            e.HasKey(s => s.Urn);
            e.Property(s => s.Urn).ValueGeneratedNever();
        });
        model.Entity<PupilAccessAuditEntry>(e =>
        {
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.At);
        });
        model.Entity<TargetingSupportMeeting>(e =>
        {
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.Urn, m.Date });
            e.HasMany(m => m.Actions).WithOne(a => a.Meeting).HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<TsmPupilAction>(e =>
        {
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.Upn);
            e.Property(a => a.SupportLevel).HasConversion<string>();
        });
        model.Entity<ApiKey>(e =>
        {
            e.HasKey(k => k.Id);
            e.HasIndex(k => k.SecretHash).IsUnique();
        });
        model.Entity<EtlRun>(e =>
        {
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.StartedAt);
        });
    }
}

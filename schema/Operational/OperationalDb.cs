using Microsoft.EntityFrameworkCore;

namespace AttendanceGraph.Schema.Operational;

/// <summary>The small operational store (SQLite): the school directory with contacts, and the ETL run log.</summary>
public sealed class OperationalDb(DbContextOptions<OperationalDb> options) : DbContext(options)
{
    public DbSet<SchoolDirectoryEntry> Schools => Set<SchoolDirectoryEntry>();
    public DbSet<EtlRun> EtlRuns => Set<EtlRun>();

    public static OperationalDb Open(string path)
    {
        var options = new DbContextOptionsBuilder<OperationalDb>()
            .UseSqlite($"Data Source={path};Pooling=False")
            .Options;
        var db = new OperationalDb(options);
        db.Database.EnsureCreated();
        return db;
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<SchoolDirectoryEntry>(e =>
        {
            e.HasKey(s => s.Urn);
            e.Property(s => s.Urn).ValueGeneratedNever();
        });
        model.Entity<EtlRun>(e =>
        {
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.StartedAt);
        });
    }
}

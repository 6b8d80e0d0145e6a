using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Pupils;

/// <summary><see cref="PupilPatternsAuthority"/> loaded through the real ETL, with the real API over it; shared by a collection.</summary>
public sealed class PupilPatternsWarehouse() : AuthorityWarehouse(PupilPatternsAuthority.Write);

/// <summary><see cref="PupilWindowsAuthority"/> loaded the same way.</summary>
public sealed class PupilWindowsWarehouse() : AuthorityWarehouse(PupilWindowsAuthority.Write);

/// <summary>A hand-written authority's input files loaded through the real ETL into a temporary warehouse, with the real API over it.</summary>
public abstract class AuthorityWarehouse : IDisposable
{
    private readonly TempDirectory dir = new();

    protected AuthorityWarehouse(Func<string, string> write)
    {
        var inputs = write(dir.Sub("input"));
        Paths = new WarehousePaths(dir.Sub("warehouse"));
        new BatchLoader(Paths).Load([inputs], new LoadOptions(LaCode: 319));
        Api = new ApiFactory(Paths.Root);
    }

    public WarehousePaths Paths { get; }
    public ApiFactory Api { get; }

    public DuckDBConnection Open() => CurrentSnapshot.TryOpenReadOnly(Paths) ?? throw new InvalidOperationException("nothing published");

    public void Dispose()
    {
        Api.Dispose();
        dir.Dispose();
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name)]
public sealed class PupilPatternsCollection : ICollectionFixture<PupilPatternsWarehouse>
{
    public const string Name = "pupil patterns warehouse";
}

[CollectionDefinition(Name)]
public sealed class PupilWindowsCollection : ICollectionFixture<PupilWindowsWarehouse>
{
    public const string Name = "pupil windows warehouse";
}

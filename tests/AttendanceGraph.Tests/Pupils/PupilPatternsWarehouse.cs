using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Api;
using AttendanceGraph.Tests.Fixtures;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Pupils;

/// <summary><see cref="PupilPatternsAuthority"/> loaded through the real ETL, with the real API over it; shared by a collection.</summary>
public sealed class PupilPatternsWarehouse : IDisposable
{
    private readonly TempDirectory dir = new();

    public PupilPatternsWarehouse()
    {
        var inputs = PupilPatternsAuthority.Write(dir.Sub("input"));
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
    }
}

[CollectionDefinition(Name)]
public sealed class PupilPatternsCollection : ICollectionFixture<PupilPatternsWarehouse>
{
    public const string Name = "pupil patterns warehouse";
}

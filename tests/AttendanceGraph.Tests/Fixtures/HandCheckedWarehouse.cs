using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Fixtures;

/// <summary>
/// The hand-checked LA loaded through the real ETL into a temporary warehouse, shared by a test collection, with the LA's
/// own young carers cohort (<see cref="YoungCarers"/>) so every API test, the differencing attacker's included, meets one.
/// </summary>
public sealed class HandCheckedWarehouse : IDisposable
{
    private readonly TempDirectory dir = new();

    public HandCheckedWarehouse()
    {
        Inputs = HandCheckedAuthority.Write(dir.Sub("input"));
        Paths = new WarehousePaths(dir.Sub("warehouse"));
        Result = new BatchLoader(Paths).Load([Inputs, YoungCarers.Write(dir.Sub("la-cohorts"))], new LoadOptions(LaCode: 319));
    }

    public string Inputs { get; }
    public WarehousePaths Paths { get; }
    public LoadResult Result { get; }

    public DuckDBConnection Open() => CurrentSnapshot.TryOpenReadOnly(Paths) ?? throw new InvalidOperationException("nothing published");

    public void Dispose() => dir.Dispose();
}

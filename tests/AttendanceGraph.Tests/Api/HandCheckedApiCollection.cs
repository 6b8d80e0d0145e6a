using AttendanceGraph.Tests.Fixtures;

namespace AttendanceGraph.Tests.Api;

/// <summary>The API over the hand-checked warehouse, one instance per collection.</summary>
public sealed class HandCheckedApi : IDisposable
{
    public HandCheckedApi()
    {
        Warehouse = new HandCheckedWarehouse();
        Factory = new ApiFactory(Warehouse.Paths.Root);
    }

    public HandCheckedWarehouse Warehouse { get; }
    public ApiFactory Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        Warehouse.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class HandCheckedApiCollection : ICollectionFixture<HandCheckedApi>
{
    public const string Name = "API over the hand-checked warehouse";
}

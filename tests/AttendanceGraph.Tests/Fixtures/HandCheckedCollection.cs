namespace AttendanceGraph.Tests.Fixtures;

[CollectionDefinition(Name)]
public sealed class HandCheckedCollection : ICollectionFixture<HandCheckedWarehouse>
{
    public const string Name = "hand-checked warehouse";
}

namespace AttendanceGraph.Etl.Publish;

/// <summary>A load meant only for an empty warehouse (the demo) found a published snapshot; nothing was loaded.</summary>
public sealed class WarehouseNotEmptyException(string root, string current)
    : Exception($"the warehouse in {root} is no longer empty ({current} is published); nothing was loaded");

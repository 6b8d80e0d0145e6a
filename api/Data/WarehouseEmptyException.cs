namespace AttendanceGraph.Api.Data;

public sealed class WarehouseEmptyException(string root, string? damage = null)
    : Exception(damage is null
        ? $"the warehouse in {root} has no published snapshot yet; load a batch with the ETL first"
        : $"the warehouse in {root} is damaged and no snapshot is open: {damage}");

namespace AttendanceGraph.Api.Data;

public sealed class WarehouseEmptyException(string root)
    : Exception($"the warehouse in {root} has no published snapshot yet; load a batch with the ETL first");

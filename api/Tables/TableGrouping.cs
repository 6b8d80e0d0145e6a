namespace AttendanceGraph.Api.Tables;

public enum TableGrouping
{
    LocalAuthority,
    Phase,
    School,
}

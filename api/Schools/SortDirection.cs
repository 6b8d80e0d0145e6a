namespace AttendanceGraph.Api.Schools;

public enum SortDirection
{
    Ascending,
    Descending,
}

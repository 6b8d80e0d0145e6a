namespace AttendanceGraph.Schema.Calendar;

public enum Term
{
    Autumn = 1,
    Spring = 2,
    Summer = 3,
}

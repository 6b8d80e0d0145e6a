namespace AttendanceGraph.Schema.Pupils;

/// <summary>Absence sessions per weekday; Monday and Friday are flagged when they stand out (see <see cref="PupilPatterns"/>).</summary>
public sealed record WeekdayProfile(int Monday, int Tuesday, int Wednesday, int Thursday, int Friday)
{
    /// <summary>At least 2 absence sessions on Mondays and more than on any of Tuesday–Thursday.</summary>
    public bool MondayFlag => Monday >= 2 && Monday > Midweek;
    /// <summary>At least 2 absence sessions on Fridays and more than on any of Tuesday–Thursday.</summary>
    public bool FridayFlag => Friday >= 2 && Friday > Midweek;
    private int Midweek => Math.Max(Tuesday, Math.Max(Wednesday, Thursday));
}

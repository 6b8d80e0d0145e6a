namespace AttendanceGraph.Tests.Fixtures;

/// <summary>
/// A small hand-checked file in the shape of DfE's EES "Pupil attendance in schools" in-year data sets (columns as the data
/// catalogue previews name them; header reordered, in mixed case, with extra count columns). The figures are the fixture's,
/// chosen to be told apart, not DfE's. Hand-checked facts:
/// <list type="bullet">
/// <item>time_period 2025 "Week 46" is ISO week 46 of 2025: week 37 is the week commencing 8 September 2025 (DfE's own
/// "since week commencing 08 September 2025"), nine weeks on is Monday 10 November 2025.</item>
/// <item>Lines 2–5 are that week for England (all schools 7.00, primary 6.00), London and Sutton (LA 319); line 9 the year
/// to date up to that week (17.50 persistently absent); lines 10–11 the autumn term of 2025/26.</item>
/// <item>Lines 6–8 are skipped without a rejection: a school-level row, a daily row (time_frame Monday) and a phase the
/// product does not report. 7 valid rows in all.</item>
/// </list>
/// </summary>
public static class InYearFixture
{
    public const string Csv = """
        Geographic_Level,time_period,TIME_IDENTIFIER,time_frame,country_code,country_name,region_code,region_name,new_la_code,la_name,old_la_code,education_phase,num_schools,possible_sessions,attendance_perc,overall_absence_perc,authorised_absence_perc,unauthorised_absence_perc,persistent_absence_percent
        National,2025,Week 46,Week,E92000001,England,,,,,,All schools,20000,70000000,93.00,7.00,4.50,2.50,x
        National,2025,Week 46,Week,E92000001,England,,,,,,Primary,16000,40000000,94.00,6.00,4.00,2.00,x
        Regional,2025,Week 46,Week,E92000001,England,E12000007,London,,,,All schools,2500,9000000,94.50,5.50,3.50,2.00,x
        Local authority,2025,Week 46,Week,E92000001,England,E12000007,London,E09000029,Sutton,319,All schools,60,400000,95.00,5.00,3.00,2.00,x
        School,2025,Week 46,Week,E92000001,England,E12000007,London,E09000029,Sutton,319,All schools,1,7000,90.00,10.00,6.00,4.00,x
        National,2025,Week 46,Monday,E92000001,England,,,,,,All schools,20000,14000000,92.00,8.00,5.00,3.00,x
        National,2025,Week 46,Week,E92000001,England,,,,,,Independent,100,50000,96.00,4.00,3.00,1.00,x
        National,2025,Week 46,Year to date,E92000001,England,,,,,,All schools,20000,700000000,94.20,5.80,3.90,1.90,17.50
        National,202526,Autumn term,,E92000001,England,,,,,,All schools,20000,900000000,92.90,7.10,4.80,2.30,x
        National,202526,Autumn term,,E92000001,England,,,,,,Primary,16000,500000000,94.10,5.90,4.10,1.80,x
        """ + "\n";
}

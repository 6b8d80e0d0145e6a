namespace AttendanceGraph.Schema.Measures;

/// <summary>
/// Official statistics are enrolment-based (a pupil who moves school counts at each school). The Virtual School
/// looks at its children "as if they attended a single school": one pupil's sessions summed across schools.
/// </summary>
public enum MeasureUnit
{
    Enrolment,
    Pupil,
}

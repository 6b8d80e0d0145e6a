using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// A pupil and the traits that stay with them from school to school: absence propensity, lateness habit,
/// cohort memberships. Keeping these on the pupil (not the enrolment) is what makes a mover look like the
/// same child at both schools.
/// </summary>
public sealed class DemoPupil
{
    public required int Id { get; init; }
    public required string Upn { get; init; }
    public required DateOnly DateOfBirth { get; init; }
    public required char Sex { get; init; }

    /// <summary>Start year of the academic year in which the pupil is (or was) in Reception.</summary>
    public required int ReceptionYear { get; init; }

    /// <summary>Heavy-tailed individual factor (log-normal, mean 1) on the phase's typical absence rate.</summary>
    public double Propensity { get; set; } = 1;

    /// <summary>Absence rate of a severe absentee (school refusal, long illness); 0 for everyone else.</summary>
    public double SevereRate { get; set; }

    /// <summary>Chance of an L mark on a morning the pupil attends.</summary>
    public double LatenessRate { get; set; }

    /// <summary>Observes the religious festivals that fall in term time (R).</summary>
    public bool ObservesFestivals { get; set; }

    /// <summary>Plays in school teams: some afternoons are supervised sport (P).</summary>
    public bool PlaysSport { get; set; }

    /// <summary>Share of attended sessions spent at LA-arranged alternative provision (K).</summary>
    public double AlternativeProvisionShare { get; set; }

    /// <summary>Dual registered with a PRU: Wednesdays there (D at the home school).</summary>
    public bool DualRegistered { get; set; }

    public List<CohortMembershipRecord> Memberships { get; } = [];

    public int YearGroupIn(int academicStartYear) => academicStartYear - ReceptionYear;
}

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

    /// <summary>Uniform draw deciding membership of the chronic absence component (see <see cref="PhaseAbsenceProfile"/>):
    /// chronic while it is below the chance the pupil's phase and cohorts give.</summary>
    public double ChronicDraw { get; set; } = 1;

    /// <summary>Standard normal draw placing the pupil within their absence component's log-normal.</summary>
    public double PropensityZ { get; set; }

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

    /// <summary>Census characteristics (<see cref="CharacteristicsAssigner"/>): ethnicity code, first language other than
    /// English (null: not known), SEN primary need ("NONE" without SEN), and the LA the pupil lives in.</summary>
    public string? Ethnicity { get; set; }
    public bool? Eal { get; set; }
    public string? SenNeed { get; set; }
    public int? HomeLaCode { get; set; }

    public int YearGroupIn(int academicStartYear) => academicStartYear - ReceptionYear;
}

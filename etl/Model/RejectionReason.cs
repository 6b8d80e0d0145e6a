namespace AttendanceGraph.Etl.Model;

public enum RejectionReason
{
    UnreadableFile,
    UnrecognisedHeader,
    MissingColumn,
    WrongFieldCount,
    MissingValue,
    BadDate,
    BadNumber,
    BadUpn,
    UnknownCode,
    BadSession,
    DuplicateMark,
    NoEnrolment,
    DateOutsideEnrolment,
    UnknownSchool,
    UnknownCohort,
    EndBeforeStart,
    DuplicateRow,
    WrongEncoding,
    DuplicateColumn,
    ConflictingMarks,
    /// <summary>A date further ahead than today allows (DateRules).</summary>
    DateInFuture,
    /// <summary>A date before the earliest academic year loaded, 2006/07 (DateRules).</summary>
    DateTooEarly,
    /// <summary>A Saturday or Sunday mark at a school that has not declared weekend sessions.</summary>
    WeekendMark,
    /// <summary>A Y/N column holding something else.</summary>
    BadFlag,
    /// <summary>Session totals that do not add up (possible = present + AEA + authorised + unauthorised).</summary>
    TotalsDoNotAddUp,
    /// <summary>A totals span that is not one whole school week (Monday to Friday, Saturday or Sunday).</summary>
    BadSpan,
    /// <summary>A declared cohort key of the wrong shape, or a statutory cohort's key.</summary>
    BadCohortKey,
    /// <summary>An in-year published figure whose time_period/time_identifier names no week, term or year to date.</summary>
    UnknownPeriod,
    /// <summary>A characteristic column (ethnicity, EAL, SEN need, home LA) holding something that is not one of its codes.</summary>
    BadCharacteristic,
}

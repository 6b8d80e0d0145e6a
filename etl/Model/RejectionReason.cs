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
}

namespace AttendanceGraph.Etl.Model;

public sealed record ExistingEnrolment(int PupilId, int Urn, DateOnly EntryDate, DateOnly? LeavingDate);

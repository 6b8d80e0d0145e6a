// The membership cohort codes are defined once, in schema/; the ETL's readers and generator call them Cohort.
global using Cohort = AttendanceGraph.Schema.Cohorts.MembershipCohort;

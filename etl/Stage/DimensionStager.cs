using AttendanceGraph.Etl.Model;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Etl.Stage;

/// <summary>
/// Merges the batch's small tables into the working snapshot. Schools, pupils and enrolments are upserted by
/// their keys (a later batch corrects an earlier one); a cohort file is the source system's full extract of the
/// cohorts it contains, so it replaces their memberships. Pupils whose dates of birth, enrolments or
/// memberships changed are recorded as dirty so their aggregates are rebuilt.
/// </summary>
public sealed class DimensionStager(DuckDBConnection connection, int batchId)
{
    public void Schools(IReadOnlyList<SchoolRecord> schools)
    {
        if (schools.Count == 0) return;
        connection.Execute("CREATE OR REPLACE TEMP TABLE s AS SELECT * FROM schools LIMIT 0");
        using (var a = connection.CreateAppender("s"))
        {
            foreach (var s in schools)
                a.CreateRow().AppendValue(s.Urn).AppendValue(s.Laestab).AppendValue((short)s.LaCode).AppendValue(s.LaName)
                    .AppendValue(s.Name).AppendValue(s.EstablishmentType).AppendValue(s.PhaseOfEducation).AppendValue(s.Phase)
                    .AppendValue(s.Status).AppendValue(s.OpenDate).AppendValue(s.CloseDate)
                    .AppendValue((sbyte?)s.StatutoryLowAge).AppendValue((sbyte?)s.StatutoryHighAge).AppendValue(batchId)
                    .AppendValue(s.WeekendSessions).AppendNullValue().EndRow();
        }
        // A file without the weekend_sessions column (a plain GIAS extract) leaves what an earlier file declared; GIAS gives no
        // UKPRN of the LA, so the one DfE rows gave stays.
        connection.Execute("""
            INSERT OR REPLACE INTO schools
            SELECT s.* REPLACE (coalesce(s.weekend_sessions, known.weekend_sessions, false) AS weekend_sessions, known.la_ukprn AS la_ukprn)
            FROM s LEFT JOIN schools known ON known.urn = s.urn
            """);
        connection.Execute("DROP TABLE s");
    }

    /// <summary>
    /// What DfE rows say of schools: each school's LA UKPRN, and other LAs' schools no schools file named (GIAS's row, when a
    /// schools file gives one, is kept over the DfE row's few columns). A learned school has no LA code, so it is never the LA's.
    /// </summary>
    public void SchoolsFromDfeRows(IReadOnlyList<LearnedSchoolRecord> learned, IReadOnlyDictionary<int, string> laUkprns)
    {
        if (learned.Count == 0 && laUkprns.Count == 0) return;
        connection.Execute("CREATE OR REPLACE TEMP TABLE ls (urn INTEGER, name VARCHAR, phase VARCHAR, la_ukprn VARCHAR, la_name VARCHAR)");
        connection.Execute("CREATE OR REPLACE TEMP TABLE lu (urn INTEGER, la_ukprn VARCHAR)");
        using (var a = connection.CreateAppender("ls"))
            foreach (var s in learned) a.CreateRow().AppendValue(s.Urn).AppendValue(s.Name).AppendValue(s.Phase).AppendValue(s.LaUkprn).AppendValue(s.LaName).EndRow();
        using (var a = connection.CreateAppender("lu"))
            foreach (var (urn, ukprn) in laUkprns) a.CreateRow().AppendValue(urn).AppendValue(ukprn).EndRow();
        connection.ExecuteAll(
        [
            // Establishment type, phase of education and status are GIAS's words, which the DfE row does not carry: left empty.
            $"""
            INSERT INTO schools BY NAME
            SELECT urn, NULL AS laestab, NULL AS la_code, la_name, name, '' AS establishment_type, '' AS phase_of_education, phase,
                   '' AS status, {batchId} AS batch_id, false AS weekend_sessions, la_ukprn
            FROM ls WHERE urn NOT IN (SELECT urn FROM schools)
            """,
            "UPDATE schools SET la_ukprn = lu.la_ukprn FROM lu WHERE schools.urn = lu.urn AND schools.la_ukprn IS DISTINCT FROM lu.la_ukprn",
            "DROP TABLE ls",
            "DROP TABLE lu",
        ]);
    }

    /// <summary>Upserts each pupil once (by UPN's id) and every enrolment row.</summary>
    public void PupilsAndEnrolments(IReadOnlyList<EnrolmentRecord> enrolments, IReadOnlyDictionary<string, int> pupilIds)
    {
        if (enrolments.Count == 0) return;
        connection.Execute("CREATE OR REPLACE TEMP TABLE p AS SELECT * FROM pupils LIMIT 0");
        connection.Execute("CREATE OR REPLACE TEMP TABLE e AS SELECT * FROM enrolments LIMIT 0");
        var seen = new HashSet<int>();
        using (var pa = connection.CreateAppender("p"))
        using (var ea = connection.CreateAppender("e"))
        {
            foreach (var r in enrolments)
            {
                var id = pupilIds[r.Upn];
                if (seen.Add(id))
                    // Characteristics are merged afterwards (Characteristics): a file without them leaves what was known.
                    pa.CreateRow().AppendValue(id).AppendValue(r.Upn).AppendValue(r.DateOfBirth).AppendValue(r.Sex)
                        .AppendNullValue().AppendNullValue().AppendNullValue().AppendNullValue()
                        .AppendNullValue().AppendNullValue().AppendNullValue().EndRow();
                ea.CreateRow().AppendValue(id).AppendValue(r.SchoolUrn).AppendValue(r.EntryDate).AppendValue(r.LeavingDate)
                    .AppendValue(r.NcYear).AppendValue(batchId).EndRow();
            }
        }
        // A pupil is dirty when new, when their date of birth changed (compulsory age), or an enrolment changed.
        connection.ExecuteAll(
        [
            """
            INSERT INTO stage_dirty_pupils
            SELECT p.pupil_id FROM p LEFT JOIN pupils old USING (pupil_id)
            WHERE old.pupil_id IS NULL OR old.date_of_birth <> p.date_of_birth
            """,
            """
            INSERT INTO stage_dirty_pupils
            SELECT e.pupil_id FROM e LEFT JOIN enrolments old USING (pupil_id, urn, entry_date)
            WHERE old.pupil_id IS NULL OR old.leaving_date IS DISTINCT FROM e.leaving_date
            """,
            // Only pupils new or changed: a weekly DfE file describes every pupil on roll again, nearly all as they were, and
            // an upsert of each (a conflict per row) is DuckDB's slow path.
            """
            INSERT INTO pupils SELECT * FROM p
            WHERE NOT EXISTS (SELECT 1 FROM pupils o WHERE o.pupil_id = p.pupil_id AND o.date_of_birth = p.date_of_birth AND o.sex = p.sex)
            ON CONFLICT (pupil_id) DO UPDATE SET date_of_birth = excluded.date_of_birth, sex = excluded.sex
            """,
            // Each enrolment takes the batch that last described it; only new or changed ones are replaced (the rows), the
            // rest keep their row and take the batch id (a weekly file describes every enrolment again, nearly all unchanged).
            """
            INSERT OR REPLACE INTO enrolments SELECT * FROM e
            WHERE NOT EXISTS (SELECT 1 FROM enrolments o WHERE o.pupil_id = e.pupil_id AND o.urn = e.urn AND o.entry_date = e.entry_date
              AND o.leaving_date IS NOT DISTINCT FROM e.leaving_date AND o.nc_year = e.nc_year)
            """,
            """
            UPDATE enrolments SET batch_id = e.batch_id FROM e
            WHERE enrolments.pupil_id = e.pupil_id AND enrolments.urn = e.urn AND enrolments.entry_date = e.entry_date
              AND enrolments.batch_id <> e.batch_id
            """,
            "DROP TABLE p",
            "DROP TABLE e",
        ]);
    }

    /// <summary>
    /// Merges the batch's characteristics into the pupils, field by field: a value given replaces the known one, a value not
    /// given (column absent, or "unknown") keeps it. The home LA is kept as given (a code, or a DfE UKPRN and name, replacing
    /// what was known as one) and the pupil is resident when it is the LA served: a code is compared with the LA's code (or,
    /// before one is recorded, the code of the school whose row gave it), a UKPRN with the LA's UKPRN once the merge is done
    /// (<see cref="ServedLocalAuthority.ReadUkprn"/>: DfE rows name the LA's UKPRN as their school's LA or, at other LAs'
    /// schools, as their pupils' home). Aggregates hold no characteristics (breakdowns join the pupils when asked), so no
    /// pupil is made dirty.
    /// </summary>
    public void Characteristics(IReadOnlyDictionary<string, PupilCharacteristicsRecord> characteristics, IReadOnlyDictionary<string, int> pupilIds,
        int? servedLa)
    {
        if (characteristics.Count > 0)
        {
            var schoolLa = new Dictionary<int, int?>();
            foreach (var r in connection.Rows("SELECT urn, la_code FROM schools")) schoolLa[r.GetInt32(0)] = r.IsDBNull(1) ? null : r.GetInt16(1);
            connection.Execute("""
                CREATE OR REPLACE TEMP TABLE pc (pupil_id INTEGER, ethnicity VARCHAR, eal BOOLEAN, sen_need VARCHAR, resident BOOLEAN,
                  gives_home BOOLEAN, home_la_code SMALLINT, home_la_ukprn VARCHAR, home_la_name VARCHAR)
                """);
            using (var a = connection.CreateAppender("pc"))
            {
                foreach (var (upn, c) in characteristics)
                {
                    if (!pupilIds.TryGetValue(upn, out var id)) continue;
                    // A DfE home LA is resolved below, against the LA's UKPRN as the merged rows tell it.
                    var resident = c.HomeLaCode is { } home && (servedLa ?? schoolLa.GetValueOrDefault(c.SchoolUrn)) is { } la ? home == la : (bool?)null;
                    a.CreateRow().AppendValue(id).AppendValue(c.Ethnicity).AppendValue(c.Eal).AppendValue(c.SenNeed).AppendValue(resident)
                        .AppendValue(c.GivesResidency).AppendValue((short?)c.HomeLaCode).AppendValue(c.DfeHome?.HomeUkprn).AppendValue(c.DfeHome?.HomeName).EndRow();
                }
            }
            connection.ExecuteAll(
            [
                """
                UPDATE pupils SET ethnicity = coalesce(pc.ethnicity, pupils.ethnicity), eal = coalesce(pc.eal, pupils.eal),
                  sen_need = coalesce(pc.sen_need, pupils.sen_need),
                  resident = CASE WHEN pc.gives_home THEN pc.resident ELSE pupils.resident END,
                  home_la_code = CASE WHEN pc.gives_home THEN pc.home_la_code ELSE pupils.home_la_code END,
                  home_la_ukprn = CASE WHEN pc.gives_home THEN pc.home_la_ukprn ELSE pupils.home_la_ukprn END,
                  home_la_name = CASE WHEN pc.gives_home THEN pc.home_la_name ELSE pupils.home_la_name END
                FROM pc WHERE pupils.pupil_id = pc.pupil_id
                  -- Only the pupils whose characteristics change (most rows of a weekly file repeat what is known).
                  AND (pc.ethnicity IS NOT NULL AND pc.ethnicity IS DISTINCT FROM pupils.ethnicity
                    OR pc.eal IS NOT NULL AND pc.eal IS DISTINCT FROM pupils.eal
                    OR pc.sen_need IS NOT NULL AND pc.sen_need IS DISTINCT FROM pupils.sen_need
                    OR pc.gives_home AND (pc.resident IS DISTINCT FROM pupils.resident OR pc.home_la_code IS DISTINCT FROM pupils.home_la_code
                      OR pc.home_la_ukprn IS DISTINCT FROM pupils.home_la_ukprn OR pc.home_la_name IS DISTINCT FROM pupils.home_la_name))
                """,
                "DROP TABLE pc",
            ]);
        }
        // Every home LA known only by UKPRN, this batch's and earlier ones': a resident-pupil download loaded before the LA's
        // UKPRN was known left its pupils' residency unknown until now.
        if (ServedLocalAuthority.ReadUkprn(connection) is { } servedUkprn)
            connection.Execute("""
                UPDATE pupils SET resident = (home_la_ukprn = $ours)
                WHERE home_la_code IS NULL AND home_la_ukprn IS NOT NULL AND resident IS DISTINCT FROM (home_la_ukprn = $ours)
                """, ("ours", servedUkprn));
    }

    /// <summary>
    /// Upserts the LA's declared cohorts by key: a later file corrects a name or description. A definitions file does not
    /// list every cohort (it may declare one new cohort), so a cohort it leaves out stays.
    /// </summary>
    public void CohortDefinitions(IReadOnlyList<CohortDefinitionRecord> definitions)
    {
        if (definitions.Count == 0) return;
        connection.Execute("CREATE OR REPLACE TEMP TABLE d AS SELECT * FROM la_cohorts LIMIT 0");
        using (var a = connection.CreateAppender("d"))
        {
            foreach (var d in definitions)
                a.CreateRow().AppendValue(d.Cohort).AppendValue(d.Name).AppendValue(d.Description).AppendValue(batchId).EndRow();
        }
        connection.ExecuteAll(
        [
            // An unchanged declaration keeps its batch, so loading the same file again changes no row.
            """
            INSERT INTO la_cohorts SELECT * FROM d ON CONFLICT (cohort) DO UPDATE
            SET name = excluded.name, description = excluded.description, batch_id = excluded.batch_id
            WHERE la_cohorts.name <> excluded.name OR la_cohorts.description <> excluded.description
            """,
            "DROP TABLE d",
        ]);
    }

    public void CohortMemberships(IReadOnlyList<CohortMembershipRecord> memberships)
    {
        if (memberships.Count == 0) return;
        connection.Execute("CREATE OR REPLACE TEMP TABLE cm AS SELECT * FROM cohort_memberships LIMIT 0");
        using (var a = connection.CreateAppender("cm"))
        {
            foreach (var m in memberships)
                a.CreateRow().AppendValue(m.Upn).AppendValue(m.Cohort).AppendValue(m.StartDate).AppendValue(m.EndDate)
                    .AppendValue(batchId).EndRow();
        }
        connection.ExecuteAll(
        [
            """
            CREATE OR REPLACE TEMP TABLE replaced AS
            SELECT * FROM cohort_memberships WHERE cohort IN (SELECT DISTINCT cohort FROM cm)
            """,
            // Only pupils whose memberships actually differ need their cohort aggregates rebuilt.
            """
            INSERT INTO stage_dirty_pupils
            SELECT p.pupil_id FROM pupils p JOIN (
              (SELECT upn, cohort, start_date, end_date FROM replaced
               EXCEPT SELECT upn, cohort, start_date, end_date FROM cm)
              UNION ALL
              (SELECT upn, cohort, start_date, end_date FROM cm
               EXCEPT SELECT upn, cohort, start_date, end_date FROM replaced)) changed ON changed.upn = p.upn
            """,
            "DELETE FROM cohort_memberships WHERE cohort IN (SELECT DISTINCT cohort FROM cm)",
            "INSERT INTO cohort_memberships SELECT DISTINCT * FROM cm",
            "DROP TABLE cm",
            "DROP TABLE replaced",
        ]);
    }

    public void Benchmarks(IReadOnlyList<BenchmarkRecord> benchmarks)
    {
        if (benchmarks.Count == 0) return;
        connection.Execute("CREATE OR REPLACE TEMP TABLE b AS SELECT * FROM benchmarks LIMIT 0");
        using (var a = connection.CreateAppender("b"))
        {
            foreach (var b in benchmarks)
                a.CreateRow().AppendValue(b.TimePeriod).AppendValue(b.GeographicLevel).AppendValue(b.OldLaCode)
                    .AppendValue(b.NewLaCode).AppendValue(b.LaName).AppendValue(b.EducationPhase).AppendValue(b.Source)
                    .AppendValue(b.OverallPercent).AppendValue(b.AuthorisedPercent).AppendValue(b.UnauthorisedPercent)
                    .AppendValue(b.PersistentAbsencePercent).AppendValue(b.SevereAbsencePercent).EndRow();
        }
        // A published figure is identified by period, level, area, phase and source; a newer file replaces it.
        connection.ExecuteAll(
        [
            """
            DELETE FROM benchmarks o USING b
            WHERE o.time_period = b.time_period AND o.geographic_level = b.geographic_level
              AND o.old_la_code IS NOT DISTINCT FROM b.old_la_code AND o.education_phase = b.education_phase
              AND o.source IS NOT DISTINCT FROM b.source
            """,
            "INSERT INTO benchmarks SELECT DISTINCT * FROM b",
            "DROP TABLE b",
        ]);
    }

    /// <summary>
    /// The in-year figures, rewritten with every load like reference data: the shipped rows are replaced by the shipped
    /// file as this build carries it, then the batch's rows replace any row (shipped or loaded earlier) of the same period,
    /// area and phase. A shipped row never displaces a figure the LA loaded.
    /// </summary>
    public void InYearBenchmarks(IReadOnlyList<InYearBenchmarkRecord> shipped, IReadOnlyList<InYearBenchmarkRecord> loaded)
    {
        Append("iy_shipped", shipped, "shipped");
        Append("iy_loaded", loaded, "loaded");
        const string sameKey = """
            o.span = n.span AND o.time_period = n.time_period AND o.week_commencing IS NOT DISTINCT FROM n.week_commencing
              AND o.term IS NOT DISTINCT FROM n.term AND o.geographic_level = n.geographic_level
              AND o.region_code IS NOT DISTINCT FROM n.region_code AND o.old_la_code IS NOT DISTINCT FROM n.old_la_code
              AND o.education_phase = n.education_phase
            """;
        connection.ExecuteAll(
        [
            "DELETE FROM in_year_benchmarks WHERE origin = 'shipped'",
            $"DELETE FROM in_year_benchmarks o USING iy_loaded n WHERE {sameKey}",
            "INSERT INTO in_year_benchmarks SELECT * FROM iy_loaded",
            $"INSERT INTO in_year_benchmarks SELECT * FROM iy_shipped n WHERE NOT EXISTS (SELECT 1 FROM in_year_benchmarks o WHERE {sameKey})",
            "DROP TABLE iy_shipped",
            "DROP TABLE iy_loaded",
        ]);
    }

    private void Append(string table, IReadOnlyList<InYearBenchmarkRecord> rows, string origin)
    {
        connection.Execute($"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM in_year_benchmarks LIMIT 0");
        using var a = connection.CreateAppender(table);
        foreach (var b in rows)
            a.CreateRow().AppendValue(b.Span).AppendValue(b.TimePeriod).AppendValue(b.WeekCommencing).AppendValue(b.Term)
                .AppendValue(b.GeographicLevel).AppendValue(b.RegionCode).AppendValue(b.RegionName).AppendValue(b.OldLaCode)
                .AppendValue(b.NewLaCode).AppendValue(b.LaName).AppendValue(b.EducationPhase).AppendValue(b.AttendancePercent)
                .AppendValue(b.OverallAbsencePercent).AppendValue(b.AuthorisedAbsencePercent).AppendValue(b.UnauthorisedAbsencePercent)
                .AppendValue(b.PersistentAbsencePercent).AppendValue(b.Source).AppendValue(origin).EndRow();
    }
}

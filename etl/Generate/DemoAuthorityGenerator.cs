using System.Diagnostics;
using AttendanceGraph.Schema.Calendar;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Generates a synthetic local authority in the ETL's input formats: the GIAS extract, pupils.csv (enrolments, with the
/// pupils' characteristics),
/// marks.csv (one mark per session on roll up to AsOf) and the three cohort membership files. Realistic enough to
/// demo and test against DfE figures (see CalibrationTests), and deterministic for a seed.
/// </summary>
public sealed class DemoAuthorityGenerator
{
    public const string MarksFileName = "marks.csv";

    /// <param name="schoolsSimulated">Schools whose marks are written so far, of all with pupils: the CLI's progress bar.</param>
    public GenerationResult Generate(GeneratorOptions options, string outDir, IProgress<string>? progress = null,
        IProgress<(int Done, int Total)>? schoolsSimulated = null)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outDir);
        var asOf = options.AsOf;
        var current = AcademicYear.Containing(asOf);
        var years = Enumerable.Range(0, Math.Max(1, options.Years))
            .Select(k => new AcademicYear(current.StartYear - options.Years + 1 + k)).ToList();

        var master = new DemoRandom(DemoRandom.Derive(options.Seed, 0x5C400L));
        var schools = new SchoolDirectoryPlanner().Plan(options, master);
        progress?.Report($"planned {schools.Count} establishments ({schools.Count(s => s.HasPupils)} with pupils)");

        var population = new PopulationSimulator(schools, years, asOf, new DemoRandom(DemoRandom.Derive(options.Seed, 0x909L)));
        population.Run();

        // Only what the LA's systems know at the extract date: no future joiners, no future leaving dates.
        var enrolments = population.Enrolments.Where(e => e.EntryDate <= asOf).ToList();
        foreach (var e in enrolments)
            if (e.LeavingDate > asOf) e.LeavingDate = null;
        var pupils = enrolments.Select(e => e.Pupil).Distinct().OrderBy(p => p.Id).ToList();
        foreach (var school in schools)
        {
            var onRoll = enrolments.Where(e => e.School == school && e.LeavingDate is null).ToList();
            school.NumberOfPupils = onRoll.Count;
            school.NumberOfBoys = onRoll.Count(e => e.Pupil.Sex == 'M');
        }
        progress?.Report($"simulated {pupils.Count} pupils, {enrolments.Count} enrolments");
        CharacteristicsAssigner.Assign(pupils, options.LaCode, options.Seed);

        var files = new List<string>
        {
            GiasExtractWriter.Write(schools, asOf, outDir),
            PupilsFileWriter.Write(enrolments.OrderBy(e => e.School.Urn).ThenBy(e => e.Pupil.Upn, StringComparer.Ordinal).ThenBy(e => e.EntryDate), asOf, outDir),
        };
        var (cohortFiles, memberships) = CohortFilesWriter.Write(pupils, asOf, outDir);
        files.AddRange(cohortFiles);
        // The LA's residents at neighbouring LAs' schools (DfE's resident-pupil download), a few of them its looked-after
        // children placed out of area: their memberships go in the social care extract with the LA's other children's.
        var residents = ResidentPupilsFileWriter.Write(options, lookedAfter: Math.Max(3, pupils.Count / 2000), others: Math.Max(12, pupils.Count / 250), outDir);
        File.AppendAllLines(Path.Combine(outDir, CohortFilesWriter.SocialCareFile), residents.LookedAfterRows);
        files.Add(residents.Path);
        memberships += residents.LookedAfterRows.Count;
        progress?.Report($"wrote {residents.Pupils} resident pupils at neighbouring LAs' schools ({residents.LookedAfterRows.Count} looked after)");

        var marks = WriteMarks(schools, enrolments, years, options, outDir, progress, schoolsSimulated);
        files.Insert(2, Path.Combine(outDir, MarksFileName));
        clock.Stop();
        progress?.Report($"wrote {marks:N0} marks in {clock.Elapsed.TotalSeconds:F1}s");
        return new GenerationResult(files, schools.Count(s => s.HasPupils), pupils.Count, enrolments.Count, marks, memberships, clock.Elapsed);
    }

    /// <summary>
    /// Simulates schools in parallel, a small batch at a time, and appends their chunks in URN order: output is
    /// identical whatever the thread timing, and memory stays bounded to one batch of schools.
    /// </summary>
    private static long WriteMarks(IReadOnlyList<DemoSchool> schools, List<DemoEnrolment> enrolments, List<AcademicYear> years,
        GeneratorOptions options, string outDir, IProgress<string>? progress, IProgress<(int Done, int Total)>? schoolsSimulated)
    {
        var patterns = years.Select(y => new SchoolYearPattern(y, options.Seed)).ToList();
        var simulator = new AttendanceSimulator(patterns, options.AsOf, options.Seed);
        var bySchool = enrolments.GroupBy(e => e.School)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Pupil.Upn, StringComparer.Ordinal).ThenBy(e => e.EntryDate).ToList());
        var ordered = schools.Where(s => bySchool.ContainsKey(s)).OrderBy(s => s.Urn).ToList();

        using var file = new FileStream(Path.Combine(outDir, MarksFileName), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var header = "upn,school_urn,date,session,code\n"u8;
        file.Write(header);
        long marks = 0;
        var batch = Math.Max(2, Environment.ProcessorCount * 2);
        for (var start = 0; start < ordered.Count; start += batch)
        {
            var count = Math.Min(batch, ordered.Count - start);
            var chunks = new MarkChunk[count];
            Parallel.For(0, count, i => chunks[i] = simulator.Simulate(ordered[start + i], bySchool[ordered[start + i]]));
            foreach (var chunk in chunks)
            {
                file.Write(chunk.Bytes);
                marks += chunk.Rows;
            }
            // About one line per 10% of schools, whatever the batch size.
            var done = start + count;
            schoolsSimulated?.Report((done, ordered.Count));
            if (done * 10 / ordered.Count > start * 10 / ordered.Count)
                progress?.Report($"marks: {done}/{ordered.Count} schools ({100 * done / ordered.Count}%)");
        }
        return marks;
    }
}

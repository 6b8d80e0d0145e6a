namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Invents the establishments: the authority's open schools in Sutton's phase mix and GIAS type mix, one
/// closed school, and a few schools of a neighbouring LA, because a real GIAS extract lists every LA and
/// the ETL's LA filter must have something to filter out.
/// </summary>
public sealed class SchoolDirectoryPlanner
{
    private const int NeighbourLaCode = 315;
    private const string NeighbourLaName = "Merton";

    private static readonly string[] Places =
    [
        "Carshalton", "Cheam", "Wallington", "Belmont", "Worcester Park", "Hackbridge", "Beddington", "Rosehill",
        "Stonecot", "Benhilton", "Sutton Common", "Cheam Common", "Nonsuch", "Bandon Hill", "Manor Park", "Brookfield",
        "Cuddington", "Devonshire", "Foresters", "Green Wrythe", "Highview", "Muschamp", "Robin Hood", "Tweeddale",
        "Victor Seymour", "Westbourne", "Barrow Hedges", "Culvers", "Dorchester", "Glenthorne", "Harris Lane",
        "Amy Johnson", "Avenue", "Camden", "Hill House", "Holy Trinity", "Kingsway", "Linden Bridge", "Overton Grange",
        "Stanley Park", "The Mead", "Thomas Wall", "Wandle Valley", "Woodfield", "Beddington Park", "Collingwood",
        "Clapham Park", "Downview", "Fairlands", "Hamilton", "Lodge Farm", "Oaks Park", "Priory", "Royston",
    ];

    private static readonly string[] Saints = ["Mary", "Cecilia", "Elphege", "Dunstan", "Anne", "Joseph", "Philomena", "Nicholas", "Andrew", "Bede"];
    private static readonly string[] Variants = ["", " Park", " Green", " Hill", " Fields", " Vale", " Grove", " Meadow"];
    private static readonly string[] Streets = ["Road", "Lane", "Avenue", "Gardens", "Way", "Close", "Drive", "Grove"];
    private static readonly string[] FirstNames = ["Sarah", "James", "Helen", "David", "Priya", "Mark", "Claire", "Olusegun", "Rachel", "Tom", "Aisha", "Paul", "Joanne", "Hiroshi", "Fiona", "Marek"];
    private static readonly string[] LastNames = ["Taylor", "Patel", "O'Brien", "Williams", "Nowak", "Khan", "Roberts", "Adeyemi", "Clarke", "Hughes", "Green", "Singh", "Morgan", "Evans", "Walker", "Ahmed"];

    public IReadOnlyList<DemoSchool> Plan(GeneratorOptions options, DemoRandom rng)
    {
        var (primaries, secondaries, specials) = options.SchoolsByPhase();
        var sizes = new List<(SchoolPhase Phase, double Roll)>();
        for (var i = 0; i < primaries; i++) sizes.Add((SchoolPhase.Primary, Math.Clamp(226 * rng.NextLogNormalMeanOne(0.35), 90, 630)));
        for (var i = 0; i < secondaries; i++) sizes.Add((SchoolPhase.Secondary, Math.Clamp(917 * rng.NextLogNormalMeanOne(0.22), 450, 1600)));
        for (var i = 0; i < specials; i++) sizes.Add((SchoolPhase.Special, Math.Clamp(130 * rng.NextLogNormalMeanOne(0.3), 50, 260)));

        // Options.Pupils counts everyone on roll (reception and sixth form too), so scale by the whole roll.
        var scale = 1.0;
        if (options.Pupils is { } wanted)
        {
            var total = sizes.Sum(s => s.Roll * WholeRollPerCompulsory(s.Phase));
            scale = wanted / total;
        }

        var usedUrns = new HashSet<int>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var nextEstab = new Dictionary<int, int> { [2] = 2000, [4] = 4000, [5] = 5200, [7] = 7000 };
        var schools = new List<DemoSchool>();
        var nameIndex = 0;
        for (var i = 0; i < sizes.Count; i++)
        {
            var (phase, roll) = sizes[i];
            var compulsory = Math.Max(phase == SchoolPhase.Special ? 10 : 30, (int)Math.Round(roll * scale));
            // The first primary carries a Latin-1 name so the GIAS encoding is exercised by every demo.
            var name = i == 0 ? "St Thérèse's Catholic Primary School" : UniqueName(phase, rng, usedNames, ref nameIndex);
            usedNames.Add(name);
            schools.Add(Make(options.LaCode, options.LaName, phase, name, compulsory, i == 0, rng, usedUrns, nextEstab));
        }

        NormaliseSchoolEffects(schools);

        // A school that closed years ago: still in GIAS, never in the attendance data.
        schools.Add(Make(options.LaCode, options.LaName, SchoolPhase.Primary, "Sutton West Infant School", 0, false, rng, usedUrns, nextEstab,
            closed: true));

        // Neighbouring authority: present in the national extract, excluded by the ETL's LA filter.
        SchoolPhase[] neighbourPhases = [SchoolPhase.Primary, SchoolPhase.Primary, SchoolPhase.Primary, SchoolPhase.Secondary, SchoolPhase.Special];
        string[] neighbourNames = ["Morden Primary School", "Merton Abbey Primary School", "Hatfeild Primary School", "Raynes Park High School", "Cricket Green School"];
        var neighbourEstab = new Dictionary<int, int> { [2] = 2600, [4] = 4600, [5] = 5600, [7] = 7100 };
        for (var i = 0; i < neighbourPhases.Length; i++)
            schools.Add(Make(NeighbourLaCode, NeighbourLaName, neighbourPhases[i], neighbourNames[i], 0, false, rng, usedUrns, neighbourEstab));
        return schools;
    }

    /// <summary>Whole roll per compulsory-age pupil: reception in primaries, sixth forms, special post-16.</summary>
    public static double WholeRollPerCompulsory(SchoolPhase phase) => phase switch
    {
        SchoolPhase.Primary => 7.0 / 6,
        SchoolPhase.Secondary => 1 + 0.6 * (0.6 + 0.55) / 5,
        _ => 1 + 1.8 / 11,
    };

    /// <summary>
    /// School effects average exactly 1 per phase (weighted by roll), so a phase with few schools (special) still
    /// lands on its published rate instead of on the luck of two or three draws.
    /// </summary>
    private static void NormaliseSchoolEffects(List<DemoSchool> schools)
    {
        foreach (var phase in schools.Select(s => s.Phase).Distinct().ToList())
        {
            var members = schools.Where(s => s.Phase == phase).ToList();
            var mean = members.Sum(s => s.AbsenceMultiplier * s.CompulsoryRoll) / members.Sum(s => s.CompulsoryRoll);
            foreach (var s in members) s.AbsenceMultiplier /= mean;
        }
    }

    private static string UniqueName(SchoolPhase phase, DemoRandom rng, HashSet<string> used, ref int index)
    {
        while (true)
        {
            var place = Places[index % Places.Length] + Variants[index / Places.Length % Variants.Length];
            var round = index / (Places.Length * Variants.Length);
            index++;
            if (round > 0) place += " " + (round + 1);
            var name = phase switch
            {
                SchoolPhase.Primary => rng.Next(10) switch
                {
                    0 => $"St {Saints[rng.Next(Saints.Length)]}'s Catholic Primary School, {place}",
                    1 => $"{place} Church of England Primary School",
                    2 or 3 => $"{place} Primary Academy",
                    _ => $"{place} Primary School",
                },
                SchoolPhase.Secondary => rng.Next(4) switch
                {
                    0 => $"{place} Academy",
                    1 => $"{place} High School",
                    _ => $"{place} School",
                },
                _ => $"{place} School",
            };
            if (phase == SchoolPhase.Primary && name.StartsWith("St ", StringComparison.Ordinal)) name = name[..name.IndexOf(',')];
            if (!used.Contains(name)) return name;
        }
    }

    private DemoSchool Make(int laCode, string laName, SchoolPhase phase, string name, int roll, bool catholic, DemoRandom rng,
        HashSet<int> usedUrns, Dictionary<int, int> nextEstab, bool closed = false)
    {
        var type = PickType(phase, name, catholic, rng);
        var academy = type.Group is 10 or 11;
        int urn;
        do urn = academy ? rng.Next(136_000, 150_000) : rng.Next(102_000, 103_999);
        while (!usedUrns.Add(urn));

        var estabSeries = phase switch { SchoolPhase.Primary => 2, SchoolPhase.Special => 7, _ => academy ? 5 : 4 };
        var estab = nextEstab[estabSeries] += rng.Next(1, 12);
        var sixthForm = phase == SchoolPhase.Secondary && rng.Chance(0.6);
        var nursery = phase == SchoolPhase.Primary && rng.Chance(0.3);
        var religious = name.Contains("Catholic") ? "Roman Catholic" : name.Contains("Church of England") ? "Church of England" : "Does not apply";
        var town = laCode == 315 ? "Morden" : name.Contains("Carshalton") ? "Carshalton" : name.Contains("Wallington") ? "Wallington" : "Sutton";
        var postcodeArea = laCode == 315 ? "SM4" : $"SM{rng.Next(1, 8)}";
        return new DemoSchool
        {
            Urn = urn,
            LaCode = laCode,
            LaName = laName,
            EstablishmentNumber = estab,
            Name = name,
            Phase = phase,
            TypeCode = type.Code,
            TypeName = type.Name,
            TypeGroupCode = type.Group,
            TypeGroupName = type.GroupName,
            IsOpen = !closed,
            OpenDate = academy ? new DateOnly(rng.Next(2011, 2022), rng.Next(1, 13), 1) : null,
            ReasonOpened = type.Name.Contains("converter") ? "Academy Converter" : type.Name.Contains("sponsor") ? "Academy Sponsor Led" : type.Group == 11 ? "New Provision" : "Not applicable",
            CloseDate = closed ? new DateOnly(2017, 8, 31) : null,
            ReasonClosed = closed ? "Result of Amalgamation/Merger" : "Not applicable",
            LowAge = phase switch { SchoolPhase.Secondary => 11, SchoolPhase.Special => 2, _ => nursery ? 3 : 4 },
            HighAge = phase switch { SchoolPhase.Primary => 11, SchoolPhase.Special => 19, _ => sixthForm ? 18 : 16 },
            HasSixthForm = sixthForm,
            HasNursery = nursery,
            Gender = phase == SchoolPhase.Secondary && rng.Chance(0.25) ? (rng.Chance(0.5) ? "Girls" : "Boys") : "Mixed",
            ReligiousCharacter = religious,
            Diocese = religious switch { "Roman Catholic" => "Archdiocese of Southwark", "Church of England" => "Diocese of Southwark", _ => "Not applicable" },
            AdmissionsPolicy = phase == SchoolPhase.Secondary ? (rng.Chance(0.3) ? "Selective" : "Non-selective") : "Not applicable",
            Street = $"{rng.Next(1, 200)} {Places[rng.Next(Places.Length)]} {Streets[rng.Next(Streets.Length)]}",
            Town = town,
            Postcode = $"{postcodeArea} {rng.Next(1, 10)}{(char)('A' + rng.Next(26))}{(char)('A' + rng.Next(26))}",
            Telephone = $"020 8{rng.Next(100, 1000)} {rng.Next(1000, 10000)}",
            HeadTitle = rng.Chance(0.5) ? "Mrs" : "Mr",
            HeadFirstName = FirstNames[rng.Next(FirstNames.Length)],
            HeadLastName = LastNames[rng.Next(LastNames.Length)],
            CompulsoryRoll = roll,
            AbsenceMultiplier = roll > 0 ? rng.NextLogNormalMeanOne(0.15) : 1,
        };
    }

    private static (int Code, string Name, int Group, string GroupName) PickType(SchoolPhase phase, string name, bool catholic, DemoRandom rng)
    {
        (int, string, int, string) community = (1, "Community school", 4, "Local authority maintained schools");
        (int, string, int, string) voluntaryAided = (2, "Voluntary aided school", 4, "Local authority maintained schools");
        (int, string, int, string) foundation = (5, "Foundation school", 4, "Local authority maintained schools");
        (int, string, int, string) sponsorLed = (28, "Academy sponsor led", 10, "Academies");
        (int, string, int, string) converter = (34, "Academy converter", 10, "Academies");
        (int, string, int, string) freeSchool = (35, "Free schools", 11, "Free Schools");
        if (catholic || name.Contains("Catholic") || name.Contains("Church of England")) return voluntaryAided;
        var u = rng.NextDouble();
        return phase switch
        {
            SchoolPhase.Primary => name.Contains("Academy") ? (u < 0.8 ? converter : sponsorLed) : u < 0.75 ? community : foundation,
            SchoolPhase.Secondary => u < 0.6 ? converter : u < 0.72 ? sponsorLed : u < 0.82 ? freeSchool : u < 0.92 ? community : foundation,
            _ => u < 0.35 ? (7, "Community special school", 5, "Special schools")
                : u < 0.5 ? (12, "Foundation special school", 5, "Special schools")
                : u < 0.85 ? (33, "Academy special converter", 10, "Academies")
                : (36, "Academy special sponsor led", 10, "Academies"),
        };
    }
}

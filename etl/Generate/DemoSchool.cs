namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// One establishment as GIAS would list it, plus what the generator needs to populate it. Schools of a
/// neighbouring LA and closed schools are listed with no pupils, as in a real all-establishments extract.
/// </summary>
public sealed class DemoSchool
{
    public required int Urn { get; init; }
    public required int LaCode { get; init; }
    public required string LaName { get; init; }
    public required int EstablishmentNumber { get; init; }
    public required string Name { get; init; }
    public required SchoolPhase Phase { get; init; }
    public required int TypeCode { get; init; }
    public required string TypeName { get; init; }
    public required int TypeGroupCode { get; init; }
    public required string TypeGroupName { get; init; }
    public bool IsOpen { get; init; } = true;
    public DateOnly? OpenDate { get; init; }
    public string ReasonOpened { get; init; } = "Not applicable";
    public DateOnly? CloseDate { get; init; }
    public string ReasonClosed { get; init; } = "Not applicable";
    public required int LowAge { get; init; }
    public required int HighAge { get; init; }
    public bool HasSixthForm { get; init; }
    public bool HasNursery { get; init; }
    public string Gender { get; init; } = "Mixed";
    public string ReligiousCharacter { get; init; } = "Does not apply";
    public string Diocese { get; init; } = "Not applicable";
    public string AdmissionsPolicy { get; init; } = "Not applicable";
    public required string Street { get; init; }
    public required string Town { get; init; }
    public required string Postcode { get; init; }
    public required string Telephone { get; init; }
    public required string HeadFirstName { get; init; }
    public required string HeadLastName { get; init; }
    public required string HeadTitle { get; init; }

    /// <summary>Compulsory-age roll the school is sized for (0 = no pupils: neighbouring LA or closed).</summary>
    public required int CompulsoryRoll { get; init; }

    /// <summary>School effect on absence (leadership, catchment): mean 1 across a phase.</summary>
    public double AbsenceMultiplier { get; set; } = 1;

    /// <summary>Pupils on roll at the census, filled in after the population is simulated.</summary>
    public int NumberOfPupils { get; set; }
    public int NumberOfBoys { get; set; }

    public bool HasPupils => CompulsoryRoll > 0;

    /// <summary>NC year groups taught: 0 = Reception.</summary>
    public int LowestYearGroup => Phase == SchoolPhase.Secondary ? 7 : 0;
    public int HighestYearGroup => Phase switch
    {
        SchoolPhase.Primary => 6,
        SchoolPhase.Secondary => HasSixthForm ? 13 : 11,
        _ => 13,
    };

    public int Capacity => (int)(Math.Max(NumberOfPupils, CompulsoryRoll) * 1.1 / 10) * 10;

    public string Website => "www." + new string(Name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(28).ToArray()) + ".sch.uk";
}

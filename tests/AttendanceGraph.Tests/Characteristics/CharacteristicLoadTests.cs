using AttendanceGraph.Etl.Model;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using DuckDB.NET.Data;
using static AttendanceGraph.Tests.Fixtures.HandCheckedAuthority;

namespace AttendanceGraph.Tests.Characteristics;

/// <summary>
/// Characteristics from the pupils file's optional columns and the DfE file's: stored per pupil, the latest row winning
/// field by field, kept when a later file does not give them, a bad code rejected by file, line and column, and an older
/// warehouse upgraded with every pupil's characteristics not known.
/// </summary>
public sealed class CharacteristicLoadTests
{
    private static readonly DateOnly Week3 = new(2025, 9, 15);

    private static List<string> Stored(EtlWarehouse w)
    {
        using var c = w.Open();
        return EtlWarehouse.Rows(c, "SELECT upn, ethnicity, eal, sen_need, resident FROM pupils ORDER BY upn");
    }

    [Fact]
    public void ThePupilsFilesColumns_AreStoredPerPupil_TheLatestRowWinningFieldByField()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var rows = Stored(w).ToDictionary(r => r.Split('|')[0]);
        Assert.Equal($"{P1}|WBRI|False|NONE|True", rows[P1]);
        Assert.Equal($"{P2}|APKN|True|SLCN|True", rows[P2]);
        Assert.Equal($"{P5}|WBRI|False|NONE|False", rows[P5]);   // home LA 315: Merton
        Assert.Equal($"{P6}|∅|∅|NONE|True", rows[P6]);
        Assert.Equal($"{P7}|BAFR|True|ASD|True", rows[P7]);
    }

    [Fact]
    public void APupilsFileWithoutTheColumns_KeepsWhatWasKnown_AndOneWithThemReplacesIt()
    {
        using var w = new EtlWarehouse();
        w.Load(w.HandChecked);
        var before = Stored(w);
        var plain = Path.Combine(w.NewFolder("plain"), "pupils.csv");
        File.WriteAllText(plain, $"upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year\n{P1},{Alpha},2022-09-01,,2018-03-01,F,3\n");
        w.Load(plain);
        Assert.Equal(before, Stored(w));

        var corrected = Path.Combine(w.NewFolder("corrected"), "pupils.csv");
        File.WriteAllText(corrected, "upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year,ethnicity,eal,sen_need,home_la_code\n" +
                                     $"{P2},{Alpha},2022-09-01,,2018-05-01,M,3,,,,\n" +        // need ended; nothing else given
                                     $"{P1},{Alpha},2022-09-01,,2018-03-01,F,3,wiri,U,mld,315\n");
        w.Load(corrected);
        var rows = Stored(w).ToDictionary(r => r.Split('|')[0]);
        Assert.Equal($"{P2}|APKN|True|NONE|True", rows[P2]);
        Assert.Equal($"{P1}|WIRI|False|MLD|False", rows[P1]);
    }

    [Fact]
    public void BadCodes_AreRejectedWithFileLineAndColumn_AndNothingIsLoaded()
    {
        using var w = new EtlWarehouse();
        var folder = w.NewFolder("bad");
        File.Copy(Path.Combine(w.HandChecked, "edubasealldata20250901.csv"), Path.Combine(folder, "edubasealldata20250901.csv"));
        File.WriteAllText(Path.Combine(folder, "pupils.csv"),
            "upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year,ethnicity,eal,sen_need,home_la_code\n" +
            $"{P1},{Alpha},2022-09-01,,2018-03-01,F,3,WBRI,N,,319\n" +     // 2: fine
            $"{P2},{Alpha},2022-09-01,,2018-05-01,M,3,WBR,N,,319\n" +      // 3: no such ethnicity code
            $"{P3},{Alpha},2025-09-01,,2021-01-15,F,R,WBRI,maybe,,319\n" + // 4: EAL neither yes, no nor unknown
            $"{P4},{Beta},2022-09-01,,2018-02-01,M,3,WROM,Y,ADHD,319\n" +  // 5: not a census SEN need code
            $"{P5},{Beta},2022-09-01,,2018-07-01,F,3,WBRI,N,,E09000029\n");// 6: an ONS code, not a 3-digit LA code
        var e = Assert.Throws<BatchRejectedException>(() => w.Load(folder));
        Assert.Equal(
            [("pupils.csv", 3L, "ethnicity"), ("pupils.csv", 4L, "eal"), ("pupils.csv", 5L, "sen_need"), ("pupils.csv", 6L, "home_la_code")],
            e.Report.Examples(RejectionReason.BadCharacteristic).Select(r => (Path.GetFileName(r.File), r.Line, r.Column)).OrderBy(r => r.Line).ToList());
        Assert.Contains("'WBR'", e.Report.Examples(RejectionReason.BadCharacteristic).First(r => r.Line == 3).Detail);
        Assert.Null(w.Current);
    }

    [Fact]
    public void TheDfeFilesColumns_AreRead_ResidencyByComparingUkprns()
    {
        using var w = new EtlWarehouse();
        var folder = w.NewFolder("dfe");
        const string header = "UPN,DOB,sex,ethnicity,english_additional_language,primary_sen_type,unique_reference_number,year_group,admission_date," +
                              "school_local_authority_ukprn,home_local_authority_ukprn,possible_sessions,present_sessions," +
                              "approved_educational_activity_sessions,authorised_absent_sessions,unauthorised_absent_sessions,period_start,period_end";
        string Row(string upn, string chars) => $"{upn},2018-03-01,female,{chars},{Alpha},3,2022-09-01,10000001,{(upn == P2 ? "10000002" : "10000001")},10,10,0,0,0,{Week3:yyyy-MM-dd},{Week3.AddDays(4):yyyy-MM-dd}";
        File.WriteAllText(Path.Combine(folder, "vyed.csv"), header + "\n" + Row(P1, "WBRI,no,") + "\n" + Row(P2, "BCRB,yes,SEMH") + "\n" + Row(P3, "NOBT,unknown,NSA") + "\n");
        var loaded = w.Load(Totals.SessionTotalsFiles.Schools(w), folder);
        Assert.False(loaded.Report.HasErrors, loaded.Report.ToSummary());
        Assert.Equal([$"{P1}|WBRI|False|NONE|True", $"{P2}|BCRB|True|SEMH|False", $"{P3}|NOBT|∅|NSA|True"], Stored(w).OrderBy(r => r).ToList());

        var bad = w.NewFolder("bad");
        File.WriteAllText(Path.Combine(bad, "vyed.csv"), header + "\n" + Row(P1, "WBRI,no,DYSLEXIA") + "\n");
        var e = Assert.Throws<BatchRejectedException>(() => w.Load(bad));
        var r = Assert.Single(e.Report.Examples(RejectionReason.BadCharacteristic));
        Assert.Equal((2L, "primary_sen_type"), (r.Line, r.Column));
    }

    /// <summary>
    /// The latest week wins whatever order the files come in, also when a later week only repeats what an earlier one said:
    /// weeks 3, 5, 4 in that order, week 4 saying otherwise, leave week 5's (= week 3's) values.
    /// </summary>
    [Fact]
    public void DfeRows_TheLatestWeekWins_WhenALaterWeekRepeatsAnEarlierOne_AndAnOlderWeekIsReadAfter()
    {
        using var w = new EtlWarehouse();
        var folder = w.NewFolder("dfe");
        const string header = "UPN,DOB,sex,ethnicity,english_additional_language,primary_sen_type,unique_reference_number,year_group,admission_date," +
                              "school_local_authority_ukprn,home_local_authority_ukprn,possible_sessions,present_sessions," +
                              "approved_educational_activity_sessions,authorised_absent_sessions,unauthorised_absent_sessions,period_start,period_end";
        void Week(string file, DateOnly monday, string chars) => File.WriteAllText(Path.Combine(folder, file),
            header + "\n" + $"{P1},2018-03-01,female,{chars},{Alpha},3,2022-09-01,10000001,10000001,10,10,0,0,0,{monday:yyyy-MM-dd},{monday.AddDays(4):yyyy-MM-dd}" + "\n");
        Week("a-week3.csv", Week3, "WBRI,no,");
        Week("b-week5.csv", Week3.AddDays(14), "WBRI,no,");
        Week("c-week4.csv", Week3.AddDays(7), "BCRB,yes,SEMH");
        var loaded = w.Load(Totals.SessionTotalsFiles.Schools(w), folder);
        Assert.False(loaded.Report.HasErrors, loaded.Report.ToSummary());
        // An empty primary_sen_type is DfE's "no need" (NONE), a value like any other (see the test above).
        Assert.Contains($"{P1}|WBRI|False|NONE|True", Stored(w));
    }

    [Fact]
    public void AVersion3Warehouse_IsUpgradedByTheNextLoad_WithCharacteristicsNotKnownUntilAFileGivesThem()
    {
        using var w = new EtlWarehouse();
        var plain = w.NewFolder("plain");
        foreach (var f in Directory.GetFiles(w.HandChecked)) File.Copy(f, Path.Combine(plain, Path.GetFileName(f)));
        var pupils = Path.Combine(plain, "pupils.csv");
        // The hand-checked pupils file without its characteristic columns (the last four).
        File.WriteAllLines(pupils, File.ReadAllLines(pupils).Select(l => string.Join(',', l.Split(',')[..7])));
        w.Load(plain);
        using (var c = new DuckDBConnection(DuckDbSettings.ReadWrite(w.Paths.SnapshotPath(w.Current!))))
        {
            c.Open();
            Etl.SchemaUpgradeTests.DowngradeToVersion3(c);
        }

        w.Load(w.WriteMarks(Path.Combine(w.NewFolder("daily"), "marks-2025-09-15.csv"), [(P1, Alpha, Week3, "AM", "/")]));
        using (var after = w.Open())
        {
            Assert.Equal(WarehouseSchema.Version.ToString(), after.Scalar<string>("SELECT value FROM warehouse_info WHERE key = 'schema_version'"));
            Assert.Equal(0L, after.Scalar<long>("SELECT count(*) FROM pupils WHERE ethnicity IS NOT NULL OR eal IS NOT NULL OR sen_need IS NOT NULL OR resident IS NOT NULL"));
        }
        w.Load(Path.Combine(w.HandChecked, "pupils.csv"));
        Assert.Contains($"{P4}|WROM|True|SEMH|True", Stored(w));
    }
}

using System.Text;
using AttendanceGraph.Etl.Pipeline;
using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Identifiers;
using AttendanceGraph.Schema.Pupils;
using AttendanceGraph.Schema.Warehouse;
using AttendanceGraph.Tests.Fixtures;
using static AttendanceGraph.Tests.Pupils.KappaLambdaAuthority;

namespace AttendanceGraph.Tests.Pupils;

/// <summary>
/// An N code's age as of an earlier day, read from a reading that runs past it (<see cref="PupilAttendanceQuery.RunWithEarlier"/>).
/// Kappa's registers hold Wed 3 – Wed 10 Sep and Mon 15 – Fri 19 Sep 2025 (none on Thu 11 and Fri 12); Lambda's every school
/// day from Wed 3 to Fri 19 Sep. Kappa's pupil W has an N on Mon 8 Sep AM. Read on its own as of Fri 12 Sep, Kappa's open
/// days end on Wed 10, so Thu 11 and Fri 12 are counted from the rule calendar: the N has been open 4 school days (9, 10,
/// 11, 12), overdue. Read as of Fri 19 Sep, Kappa's data says it was closed on the 11th and 12th; the earlier day's row
/// must still say what a reading of its own says, not what the later data knows. U joins Kappa on Mon 15 Sep: in the
/// later list, not in the earlier one.
/// </summary>
public sealed class PupilReadingWithEarlierHandCheckedTests : IDisposable
{
    private static readonly string W = Upn.Create(319, 2201, 2019, 1), V = Upn.Create(319, 2202, 2019, 2), U = Upn.Create(319, 2201, 2019, 3);
    private readonly TempDirectory dir = new();

    [Fact]
    public void AnNCodesAgeAsOfTheEarlierDay_IsCountedFromTheOpenDaysKnownByThen()
    {
        var paths = new WarehousePaths(dir.Sub("warehouse"));
        var days = SchoolCalendar.For(new AcademicYear(2025)).SchoolDays.Where(d => d >= new DateOnly(2025, 9, 3) && d <= new DateOnly(2025, 9, 19)).ToList();
        Load(paths, days);
        using var c = CurrentSnapshot.TryOpenReadOnly(paths)!;
        var (friday12, friday19) = (new DateOnly(2025, 9, 12), new DateOnly(2025, 9, 19));

        var (rows, earlier) = PupilAttendanceQuery.RunWithEarlier(c, new PupilScope.School(Kappa), YearToDate(friday19), YearToDate(friday12),
            new PupilViewer.Everyone(), _ => true);
        var alone = Assert.Single(PupilAttendanceQuery.Run(c, new PupilScope.School(Kappa), YearToDate(friday12), new PupilViewer.Everyone()));

        var overdue = Assert.Single(alone.Patterns.OverdueUnexplained);
        Assert.Equal((new DateOnly(2025, 9, 8), 4), (overdue.Date, overdue.SchoolDaysOpen));
        Assert.Equal(new[] { U, W }.Order(StringComparer.Ordinal), rows.Select(r => r.Upn).Order(StringComparer.Ordinal));
        var row = Assert.Single(earlier.Values);
        Assert.Equal(W, row.Upn);
        Assert.Equal((overdue.Date, overdue.SchoolDaysOpen), (Assert.Single(row.Patterns.OverdueUnexplained).Date, row.Patterns.OverdueUnexplained[0].SchoolDaysOpen));
    }

    private static PupilPatternOptions YearToDate(DateOnly day) => PupilPatternOptions.YearToDate(day);

    private void Load(WarehousePaths paths, IReadOnlyList<DateOnly> days)
    {
        var input = Directory.CreateDirectory(dir.Sub("input")).FullName;
        KappaLambdaAuthority.WriteGias(input);
        File.WriteAllText(Path.Combine(input, "pupils.csv"), "upn,school_urn,entry_date,leaving_date,date_of_birth,sex,nc_year\n"
            + $"{W},{Kappa},2020-09-01,,2015-03-01,F,6\n{V},{Lambda},2020-09-01,,2015-03-01,M,6\n{U},{Kappa},2025-09-15,,2015-05-01,M,6\n");
        var marks = new StringBuilder("upn,school_urn,date,session,code\n");
        foreach (var d in days)
            foreach (var session in new[] { "AM", "PM" })
            {
                var present = session == "AM" ? "/" : "\\";
                marks.Append($"{V},{Lambda},{d:yyyy-MM-dd},{session},{present}\n");
                if (d.Day is 11 or 12) continue; // Kappa has no registers on Thu 11 and Fri 12 Sep
                marks.Append($"{W},{Kappa},{d:yyyy-MM-dd},{session},{(d.Day == 8 && session == "AM" ? "N" : present)}\n");
                if (d.Day >= 15) marks.Append($"{U},{Kappa},{d:yyyy-MM-dd},{session},{present}\n");
            }
        File.WriteAllText(Path.Combine(input, "marks.csv"), marks.ToString());
        new BatchLoader(paths).Load([input], new LoadOptions(LaCode: 319));
    }

    public void Dispose() => dir.Dispose();
}

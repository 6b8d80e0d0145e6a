using AttendanceGraph.Schema.Calendar;
using AttendanceGraph.Schema.Warehouse;
using DuckDB.NET.Data;

namespace AttendanceGraph.Tests.Schema;

/// <summary>The SQL form of the compulsory-school-age rule (used by the aggregates) agrees with the C# one.</summary>
public class CompulsorySchoolAgeTests
{
    [Theory]
    [InlineData("2019-08-31"), InlineData("2019-09-01"), InlineData("2008-09-01"), InlineData("2008-08-31"),
     InlineData("2019-02-28"), InlineData("2016-02-29"), InlineData("2009-12-31"), InlineData("2020-01-01")]
    public void SqlRule_AgreesWithTheCSharpRule_OnBoundaryBirthdays(string birthday)
    {
        var dob = DateOnly.Parse(birthday);
        using var c = new DuckDBConnection("Data Source=:memory:");
        c.Open();
        foreach (var year in new[] { 2023, 2024, 2025 })
        {
            var sql = $"SELECT {CompulsorySchoolAge.Sql("$dob", "$year")}";
            var fromSql = c.Scalar<bool>(sql, ("dob", dob), ("year", year));
            Assert.Equal(new AcademicYear(year).IsCompulsorySchoolAge(dob), fromSql);
        }
    }
}

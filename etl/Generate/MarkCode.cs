using System.Text;
using AttendanceGraph.Schema.Codes;

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Code ids from the shared catalogue, and the pre-encoded tail of a marks row (",AM,/\n") for every session and
/// code, so writing a mark is three span copies.
/// </summary>
public static class MarkCode
{
    private static readonly CodeCatalogue Catalogue = CodeCatalogue.Instance;

    public static readonly byte PresentAm = Id("/"), PresentPm = Id("\\"), Late = Id("L");
    public static readonly byte LaProvision = Id("K"), Visit = Id("V"), Sport = Id("P"), WorkExperience = Id("W"), OtherActivity = Id("B");
    public static readonly byte DualRegistered = Id("D"), NotRequired = Id("X"), Festival = Id("R"), Unresolved = Id("N");
    public static readonly byte Illness = Id("I"), Other = Id("O"), Medical = Id("M"), Exceptional = Id("C");
    public static readonly byte Transport = Id("Y1"), TravelDisruption = Id("Y2"), SiteClosed = Id("Y4"), OtherUnavoidable = Id("Y7");
    public static readonly byte NoAccess = Id("Q"), Closure = Id("#");

    /// <summary>Row tails indexed [session][code id]: "AM,I\n".</summary>
    public static readonly byte[][][] RowTail = BuildTails();

    public static byte Id(string code) => Catalogue[code].Id;

    private static byte[][][] BuildTails()
    {
        var max = Catalogue.Codes.Max(c => c.Id);
        var tails = new byte[2][][];
        for (var s = 0; s < 2; s++)
        {
            tails[s] = new byte[max + 1][];
            foreach (var c in Catalogue.Codes) tails[s][c.Id] = Encoding.ASCII.GetBytes((s == 0 ? "AM," : "PM,") + c.Code + "\n");
        }
        return tails;
    }
}

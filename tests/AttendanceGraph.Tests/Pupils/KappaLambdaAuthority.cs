using System.Text;

namespace AttendanceGraph.Tests.Pupils;

/// <summary>Two primary schools of Sutton (319), Kappa and Lambda, for the hand-checked pupil-level tests that load their own registers.</summary>
internal static class KappaLambdaAuthority
{
    public const int Kappa = 210001, Lambda = 210002;

    /// <summary>The GIAS extract of the two schools, into <paramref name="input"/>.</summary>
    public static void WriteGias(string input) =>
        File.WriteAllText(Path.Combine(input, "edubasealldata20250901.csv"), string.Join("\r\n",
            "URN,LA (code),LA (name),EstablishmentNumber,EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),OpenDate,CloseDate,StatutoryLowAge,StatutoryHighAge,Postcode",
            $"{Kappa},319,Sutton,2201,Kappa Primary School,Community school,Open,Primary,01-09-1970,,4,11,SM1 1AA",
            $"{Lambda},319,Sutton,2202,Lambda Primary School,Community school,Open,Primary,01-09-1970,,4,11,SM1 1AB") + "\r\n", Encoding.Latin1);
}

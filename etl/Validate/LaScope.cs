using AttendanceGraph.Etl.Model;

namespace AttendanceGraph.Etl.Validate;

/// <summary>
/// Which LA a load is for (<see cref="Schema.Warehouse.ServedLocalAuthority"/>): the one the warehouse recorded, which
/// --la may repeat but never change; for a warehouse with none recorded, --la, or else the one LA every school belongs
/// to. Schools of more than one LA without --la are refused: listing another LA's schools as the LA's own, and counting
/// their marks in its totals, is what this guards against.
/// </summary>
public static class LaScope
{
    /// <summary>Before reading: a --la that contradicts the warehouse's LA is refused; otherwise the LA known so far.</summary>
    public static int? Known(int? requested, ExistingWarehouseState existing)
    {
        if (existing.ServedLaCode is { } recorded && requested is { } asked && asked != recorded)
            throw new LaScopeException(
                $"--la {asked}: this warehouse serves LA {recorded} (recorded by its first load); a warehouse serves one LA. " +
                $"Load LA {asked} into a warehouse of its own (--warehouse DIR), or leave out --la");
        return existing.ServedLaCode ?? requested;
    }

    /// <summary>
    /// After reading: the LA to record, or null when nothing says yet (no school loaded). Refuses schools of several LAs
    /// without --la, naming the file and line where each LA's first school is, and a --la that none of them belongs to.
    /// </summary>
    public static int? Decide(int? known, ExistingWarehouseState existing, IReadOnlyList<SchoolRecord> schools)
    {
        var byLa = schools.GroupBy(s => s.LaCode).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).ToList();
        if (known is { } la)
        {
            if (existing.ServedLaCode is null && schools.Count > 0 && byLa.All(g => g.Key != la) && !existing.SchoolLaCodes.Contains(la))
                throw new LaScopeException($"--la {la}: none of the {schools.Count} schools given belongs to LA {la} " +
                    $"({Where(byLa[0])}); check the LA code");
            return la;
        }
        var codes = byLa.Select(g => g.Key).Union(existing.SchoolLaCodes).ToList();
        if (codes.Count <= 1) return codes.Count == 0 ? null : codes[0];
        var found = string.Join("; ", byLa.Select(Where).Concat(existing.SchoolLaCodes.Except(byLa.Select(g => g.Key)).Order()
            .Select(c => $"LA {c}: schools already in the warehouse")));
        throw new LaScopeException(
            $"schools of {codes.Count} LAs and no --la: {found}. The warehouse serves one LA and counts only its schools: " +
            $"give it with --la (e.g. --la {codes[0]})");
    }

    private static string Where(IGrouping<int, SchoolRecord> la)
    {
        var first = la.First();
        var at = first.Source is { } s ? $", first at {Path.GetFileName(s.File)} line {s.Line}, column LA (code)" : "";
        return $"LA {la.Key} {first.LaName}: {la.Count()} school{(la.Count() == 1 ? "" : "s")}{at}";
    }
}

/// <summary>The load names an LA the warehouse does not serve, or cannot tell which LA it serves: nothing was loaded.</summary>
public sealed class LaScopeException(string message) : Exception(message);

using AttendanceGraph.Tests.Disclosure.Propagation;

namespace AttendanceGraph.Tests.Disclosure;

/// <summary>
/// The fourth cold attack, kept: bounds propagation over the identities one school's day publishes (everyone = cohort +
/// rest for every cohort at once, the nestings, PA ≤ enrolments) pinned PA counts of 1 and 2 under the ±2 ptable.
/// </summary>
public sealed class IdentityPropagationTests
{
    [Fact]
    public void Propagation_PinsPaCounts_UnderThePtableTheAttackBroke()
    {
        var result = PropagationAttack.Run(CountRules.Before, days: 2000);
        Assert.True(result.PaPins >= 3, $"the solver pinned {result.PaPins} PA counts under the old ptable: it would not catch the old leak");
    }

    [Fact]
    public void Propagation_PinsNoCountOfOneToFive_UnderThePtable()
    {
        var result = PropagationAttack.Run(CountRules.Now, days: 2000);
        Assert.True(result.Cells > 30000, $"only {result.Cells} cells");
        Assert.Equal(0, result.Pins);
    }
}

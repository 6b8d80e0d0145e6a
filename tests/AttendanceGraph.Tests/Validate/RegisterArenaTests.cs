using AttendanceGraph.Etl.Validate;

namespace AttendanceGraph.Tests.Validate;

public class RegisterArenaTests
{
    [Fact]
    public void Blocks_AreZeroedAndSeparate_AcrossSlabBoundaries()
    {
        var arena = new RegisterArena(blockBytes: 4, slabBytes: 12); // three blocks a slab
        var handles = Enumerable.Range(0, 10).Select(_ => arena.Allocate()).ToList();

        Assert.Equal(Enumerable.Range(1, 10), handles);
        foreach (var h in handles) Assert.Equal(new byte[4], arena.Block(h).ToArray());
        foreach (var h in handles) arena.Block(h).Fill((byte)h);
        foreach (var h in handles) Assert.Equal(Enumerable.Repeat((byte)h, 4), arena.Block(h).ToArray());
    }

    [Fact]
    public void ConcurrentAllocations_NeverShareABlock()
    {
        var arena = new RegisterArena(blockBytes: 8, slabBytes: 64);
        var handles = new System.Collections.Concurrent.ConcurrentBag<int>();
        Parallel.For(0, 4000, _ =>
        {
            var h = arena.Allocate();
            arena.Block(h)[0] = 1;
            handles.Add(h);
        });

        Assert.Equal(4000, handles.Distinct().Count());
        Assert.All(handles, h => Assert.Equal(1, arena.Block(h)[0]));
    }
}

namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Uniform draws stratified in blocks: each block of <c>blockSize</c> draws holds exactly one value in each
/// 1/blockSize slice of [0, 1), in random order. Memberships decided by "draw below chance" then follow their
/// expected counts closely (like <see cref="QuotaSampler"/>), so a small phase's chronic and severe groups — ~45
/// severe absentees in four special schools — reflect the model rather than the luck of independent coin flips.
/// </summary>
public sealed class StratifiedUniform(int blockSize = 100)
{
    private readonly double[] block = new double[blockSize];
    private int position = blockSize;

    public double Next(DemoRandom rng)
    {
        if (position == block.Length)
        {
            for (var i = 0; i < block.Length; i++) block[i] = (i + rng.NextDouble()) / block.Length;
            for (var i = block.Length - 1; i > 0; i--)
            {
                var j = rng.Next(i + 1);
                (block[i], block[j]) = (block[j], block[i]);
            }
            position = 0;
        }
        return block[position++];
    }
}

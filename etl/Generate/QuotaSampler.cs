namespace AttendanceGraph.Etl.Generate;

/// <summary>
/// Picks members at a rate with near-exact counts: in each block of pupils exactly the stochastically rounded
/// quota is chosen, at random positions. Plain coin flips would leave a 14% spread on 50 CPP pupils and make
/// prevalence wander from seed to seed; random positions avoid the periodic patterns of systematic sampling.
/// </summary>
public sealed class QuotaSampler(double rate, int blockSize = 200)
{
    private readonly bool[] chosen = new bool[blockSize];
    private int position = blockSize;

    private int BlockSize => chosen.Length;

    public bool Next(DemoRandom rng)
    {
        if (position == BlockSize)
        {
            Array.Clear(chosen);
            var quota = (int)Math.Floor(rate * BlockSize + rng.NextDouble());
            for (var picked = 0; picked < quota;)
            {
                var i = rng.Next(BlockSize);
                if (!chosen[i]) { chosen[i] = true; picked++; }
            }
            position = 0;
        }
        return chosen[position++];
    }
}

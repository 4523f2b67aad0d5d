using SpikeCore.Random;
using SpikeCore.Scheduling;

namespace SpikeCore.Tests.Scheduling;

public class TournamentQueueTests
{
    /// <summary>
    /// The hold pattern against a linear search for the smallest (time, id): any key may change (earlier too), times on
    /// a grid of 0.25 so that ties are common, keys that never come (+∞), sizes that are and are not powers of two.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(300)]
    public void Takes_keys_in_time_order_with_ties_to_the_lowest_id(int n)
    {
        var queue = new TournamentQueue(n);
        var keys = new double[n];
        Array.Fill(keys, double.PositiveInfinity);
        Assert.Equal((double.PositiveInfinity, 0), (queue.TopTimeMs, queue.TopId));
        var rng = KeyedRandom.Create(7, 0, (ulong)n);
        for (int step = 0; step < 20_000; step++)
        {
            // Mostly the hold pattern (the top moves later); sometimes any id to any key, or out (+∞).
            double u = rng.NextDouble();
            int id = u < 0.8 ? queue.TopId : (int)(rng.NextDouble() * n);
            double key = u < 0.05 ? double.PositiveInfinity : Math.Round(rng.NextDouble() * 4 * n) * 0.25;
            keys[id] = key;
            queue.Set(id, key);
            int expected = 0;
            for (int i = 1; i < n; i++)
            {
                if (keys[i] < keys[expected])
                {
                    expected = i;
                }
            }

            Assert.Equal(keys[expected], queue.TopTimeMs);
            Assert.Equal(expected, queue.TopId);
        }
    }
}

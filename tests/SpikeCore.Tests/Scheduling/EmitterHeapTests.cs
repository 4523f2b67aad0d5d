using SpikeCore.Random;
using SpikeCore.Scheduling;

namespace SpikeCore.Tests.Scheduling;

public class EmitterHeapTests
{
    [Fact]
    public void Top_is_always_the_smallest_key_with_ties_to_the_lowest_id()
    {
        const int N = 300;
        var heap = new EmitterHeap(N);
        var keys = Enumerable.Repeat(double.PositiveInfinity, N).ToArray();
        var rng = KeyedRandom.Create(7, 0, 0);
        for (int step = 0; step < 50_000; step++)
        {
            int id = rng.NextInt(N);
            double key = rng.NextDouble() < 0.1 ? double.PositiveInfinity : rng.NextInt(100);
            heap.Update(id, key);
            keys[id] = key;
            double min = keys.Min();
            int expectedId = Array.IndexOf(keys, min);
            Assert.Equal(min, heap.TopTimeMs);
            Assert.Equal(expectedId, heap.TopId);
            Assert.Equal(key, heap.KeyMs(id));
        }
    }
}

using SpikeCore.Random;
using SpikeCore.Scheduling;

namespace SpikeCore.Tests.Scheduling;

public class EventQueueTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Pops_in_the_same_order_as_a_sorted_reference(ulong seed)
    {
        var rng = KeyedRandom.Create(seed, 0, 0);
        var queue = new EventQueue(4);
        var reference = new List<ScheduledEvent>();
        double now = 0;
        for (int step = 0; step < 20_000; step++)
        {
            if (reference.Count == 0 || rng.NextDouble() < 0.55)
            {
                // Times on a coarse grid so that ties (broken by kind, source, block, sequence) are frequent.
                double t = now + rng.NextInt(50) * 0.5;
                var kind = (EventKind)rng.NextInt(4);
                int source = rng.NextInt(5), block = rng.NextInt(3);
                queue.Push(t, kind, source, block);
                reference.Add(new ScheduledEvent { TimeMs = t, Kind = kind, Source = source, Block = block, Sequence = (uint)step });
            }
            else
            {
                ScheduledEvent expected = reference.OrderBy(e => e.TimeMs).ThenBy(e => e.Kind).ThenBy(e => e.Source).ThenBy(e => e.Block).ThenBy(e => e.Sequence).First();
                reference.Remove(expected);
                ScheduledEvent actual = queue.Pop();
                Assert.Equal((expected.TimeMs, expected.Kind, expected.Source, expected.Block), (actual.TimeMs, actual.Kind, actual.Source, actual.Block));
                now = actual.TimeMs;
            }

            Assert.Equal(reference.Count, queue.Count);
        }
    }
}

using SpikeCore.Checkpoints;
using SpikeCore.Random;
using SpikeCore.Scheduling;

namespace SpikeCore.Tests.Scheduling;

public class EventQueueTests
{
    /// <summary>
    /// Random pushes, and pushes mostly one delay ahead (<paramref name="oneDelay"/>: the FIFO takes them, the ring wraps
    /// and grows past its 4 slots; the others go to the heap), against a sorted list.
    /// </summary>
    [Theory]
    [InlineData(1UL, false)]
    [InlineData(2UL, false)]
    [InlineData(3UL, false)]
    [InlineData(4UL, true)]
    [InlineData(5UL, true)]
    public void Pops_in_the_same_order_as_a_sorted_reference(ulong seed, bool oneDelay)
    {
        var rng = KeyedRandom.Create(seed, 0, 0);
        var queue = new EventQueue(4);
        var reference = new List<ScheduledEvent>();
        double now = 0;
        uint pushes = 0;
        for (int step = 0; step < 20_000; step++)
        {
            if (reference.Count == 0 || rng.NextDouble() < 0.55)
            {
                // Times on a coarse grid so that ties (broken by kind, source, block, sequence) are frequent.
                double t = oneDelay && rng.NextDouble() < 0.9 ? now + 5 : now + rng.NextInt(50) * 0.5;
                var kind = (EventKind)rng.NextInt(4);
                int source = rng.NextInt(5), block = rng.NextInt(3);
                queue.Push(t, kind, source, block);
                reference.Add(new ScheduledEvent { TimeMs = t, Kind = kind, Source = source, Block = block, Sequence = pushes++ });
            }
            else
            {
                ScheduledEvent expected = Sorted(reference).First();
                reference.Remove(expected);
                ScheduledEvent actual = queue.Pop();
                Assert.Equal((expected.TimeMs, expected.Kind, expected.Source, expected.Block), (actual.TimeMs, actual.Kind, actual.Source, actual.Block));
                now = actual.TimeMs;
            }

            Assert.Equal(reference.Count, queue.Count);
            if (step % 1000 == 999)
            {
                Assert.Equal(Sorted(reference).Select(e => e.Sequence), queue.Pending().Select(e => e.Sequence)); // what a checkpoint writes
            }
        }
    }

    [Fact]
    public void A_saved_queue_restores_to_pop_in_the_same_order()
    {
        var queue = new EventQueue(4);
        var rng = KeyedRandom.Create(9, 0, 0);
        for (int k = 0; k < 200; k++)
        {
            queue.Push(k % 3 == 0 ? rng.NextInt(100) : k, EventKind.Delivery, rng.NextInt(5), 0); // FIFO and heap both hold some
        }

        using var stream = new MemoryStream();
        queue.Checkpoint(new StateWriter(stream));
        stream.Position = 0;
        var restored = new EventQueue(4);
        restored.Checkpoint(new StateReader(stream, "test"));
        while (queue.Count > 0)
        {
            ScheduledEvent expected = queue.Pop(), actual = restored.Pop();
            Assert.Equal((expected.TimeMs, expected.Source, expected.Sequence), (actual.TimeMs, actual.Source, actual.Sequence));
        }

        Assert.Equal(0, restored.Count);
    }

    private static IEnumerable<ScheduledEvent> Sorted(List<ScheduledEvent> events) =>
        events.OrderBy(e => e.TimeMs).ThenBy(e => e.Kind).ThenBy(e => e.Source).ThenBy(e => e.Block).ThenBy(e => e.Sequence);
}

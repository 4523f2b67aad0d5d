using SpikeCore.Random;
using SpikeCore.Scheduling;

namespace SpikeCore.Tests.Scheduling;

public class CalendarQueueTests
{
    /// <summary>
    /// The hold pattern a Poisson population runs (take the earliest, put it back later), against a linear search for the
    /// smallest (time, id): intervals from a hundredth of a bucket to many revolutions of the ring, times on a coarse
    /// grid so that ties are common, keys that never come (+∞) or lie beyond any bucket number (10^300 ms), and the
    /// queue emptied and refilled at a new width from time to time (a new stimulus).
    /// </summary>
    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(7, 0.01)]
    [InlineData(300, 0.05)]
    [InlineData(300, 40)]
    public void Takes_keys_in_time_order_with_ties_to_the_lowest_id(int n, double widthMs)
    {
        var queue = new CalendarQueue(n);
        var keys = new double[n];
        var rng = KeyedRandom.Create(11, 0, (ulong)n);
        double now = 0;
        queue.Clear(now, widthMs);
        for (int i = 0; i < n; i++)
        {
            keys[i] = Draw(ref rng, now, widthMs, n);
            queue.Add(i, keys[i]);
        }

        for (int step = 0; step < 40_000; step++)
        {
            (double min, int expected) = Smallest(keys);
            Assert.Equal(min, queue.TopTimeMs);
            if (double.IsPositiveInfinity(min))
            {
                break;
            }

            Assert.Equal(expected, queue.TopId);
            queue.RemoveTop();
            now = min;
            if (rng.NextDouble() < 0.002)
            {
                widthMs *= rng.NextDouble() < 0.5 ? 0.25 : 4;
                queue.Clear(now, widthMs);
                for (int i = 0; i < n; i++)
                {
                    keys[i] = Draw(ref rng, now, widthMs, n);
                    queue.Add(i, keys[i]);
                }

                continue;
            }

            keys[expected] = Draw(ref rng, now, widthMs, n);
            queue.Add(expected, keys[expected]);
        }
    }

    /// <summary>
    /// After a refill the first top may lie in the ring's next revolution (64 buckets here) with a far key before the end
    /// of that revolution: taking the top must bring the far key in before a later key put in after it is found.
    /// </summary>
    [Fact]
    public void A_far_key_comes_in_when_taking_a_top_moves_into_the_next_revolution()
    {
        var queue = new CalendarQueue(3);
        queue.Clear(10.5, 1);
        queue.Add(0, 70.5); // 60 buckets ahead: in the ring, the top
        queue.Add(1, 80.5); // 70 ahead: far
        Assert.Equal(0, queue.TopId);
        queue.RemoveTop();
        queue.Add(2, 90.5);
        Assert.Equal((80.5, 1), (queue.TopTimeMs, queue.TopId));
        queue.RemoveTop();
        Assert.Equal((90.5, 2), (queue.TopTimeMs, queue.TopId));
    }

    [Fact]
    public void An_empty_queue_has_no_top_and_refuses_a_bucket_width_that_is_not_positive()
    {
        var queue = new CalendarQueue(3);
        Assert.Equal(double.PositiveInfinity, queue.TopTimeMs);
        queue.Add(1, double.PositiveInfinity);
        Assert.Equal(double.PositiveInfinity, queue.TopTimeMs);
        queue.Add(2, 5e300);
        Assert.Equal(5e300, queue.TopTimeMs);
        Assert.Equal(2, queue.TopId);
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Clear(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Clear(0, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Clear(0, 1e-320)); // 1/width overflows
    }

    /// <summary>A key after <paramref name="now"/>: usually within a few mean intervals, sometimes far beyond the ring, never, or at 10^300 ms.</summary>
    private static double Draw(ref KeyedRandom rng, double now, double widthMs, int n)
    {
        double u = rng.NextDouble();
        double ahead = u < 0.02 ? double.PositiveInfinity
            : u < 0.03 ? 1e300
            : u < 0.15 ? widthMs * n * 4 * (1 + (50 * rng.NextDouble())) // one to fifty revolutions ahead
            : widthMs * n * rng.NextExponential();
        if (double.IsPositiveInfinity(ahead))
        {
            return ahead;
        }

        double grid = widthMs / 8; // keys on a coarse grid: equal keys are common
        return Math.Max(now, Math.Round((now + ahead) / grid) * grid);
    }

    private static (double Min, int Id) Smallest(double[] keys)
    {
        int best = 0;
        for (int i = 1; i < keys.Length; i++)
        {
            if (keys[i] < keys[best])
            {
                best = i;
            }
        }

        return (keys[best], best);
    }
}

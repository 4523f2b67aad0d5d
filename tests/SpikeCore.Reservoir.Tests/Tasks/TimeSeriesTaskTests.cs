using SpikeCore.Reservoir.Tasks;

namespace SpikeCore.Reservoir.Tests.Tasks;

public class TimeSeriesTaskTests
{
    [Fact]
    public void Narma10_follows_its_recurrence_and_stays_bounded()
    {
        TimeSeriesTask task = TimeSeriesTask.Narma10(6000, seed: 3);
        double[] u = task.Input, y = task.Target;
        Assert.All(u, x => Assert.InRange(x, 0, 0.5));
        AssertNarma10Recurrence(task);

        Assert.Equal(0.1, y[0], 1e-12); // y(1) from y(0) = 0 and no u(−9)
        Assert.Equal(u.Length, y.Length);

        Assert.All(y, v => Assert.InRange(v, 0, 1.5));
        Assert.Equal(task.Target, TimeSeriesTask.Narma10(6000, seed: 3).Target);
        Assert.NotEqual(task.Input, TimeSeriesTask.Narma10(6000, seed: 4).Input);
    }

    [Fact]
    public void A_diverging_narma10_draw_is_replaced_by_a_bounded_one()
    {
        // Seed 5's first draw of 6,200 inputs (the experiment's length) sends the recursion past 10 (it diverges); the next draw is kept, and it
        // follows the recurrence as every series does.
        TimeSeriesTask task = TimeSeriesTask.Narma10(6200, seed: 5);
        Assert.All(task.Target, v => Assert.InRange(v, 0, 1.5));
        AssertNarma10Recurrence(task);

        Assert.Equal(TimeSeriesTask.Narma10(5000, seed: 3).Input, TimeSeriesTask.Narma10(6000, seed: 3).Input[..5000]); // bounded seeds keep their first draw
    }

    [Fact]
    public void Second_order_task_follows_its_recurrence()
    {
        TimeSeriesTask task = TimeSeriesTask.SecondOrder(3000, seed: 5);
        double[] u = task.Input, y = task.Target;
        for (int k = 2; k < y.Length; k++)
        {
            Assert.Equal((0.4 * y[k - 1]) + (0.4 * y[k - 1] * y[k - 2]) + (0.6 * Math.Pow(u[k], 3)) + 0.1, y[k], 1e-12);
        }

        Assert.All(y.Skip(10), v => Assert.InRange(v, 0.1, 0.5));
    }

    /// <summary>target[t] = y(t+1): y(t+1) = 0.3 y(t) + 0.05 y(t) Σ y(t−9..t) + 1.5 u(t−9) u(t) + 0.1.</summary>
    private static void AssertNarma10Recurrence(TimeSeriesTask task)
    {
        double[] u = task.Input, y = task.Target;
        for (int t = 10; t < y.Length; t++)
        {
            double expected = (0.3 * y[t - 1]) + (0.05 * y[t - 1] * y.Skip(t - 10).Take(10).Sum()) + (1.5 * u[t - 9] * u[t]) + 0.1;
            Assert.Equal(expected, y[t], 1e-12);
        }
    }
}

using SpikeCore.Reservoir.Readout;

namespace SpikeCore.Reservoir.Tests.Readout;

public class MetricsTests
{
    [Fact]
    public void Nmse_is_zero_for_a_perfect_prediction_and_one_for_the_mean()
    {
        double[] y = [1, 3, 2, 6, 4];
        Assert.Equal(0, Metrics.Nmse(y, y));
        Assert.Equal(1, Metrics.Nmse(y, Enumerable.Repeat(y.Average(), 5).ToArray()), 1e-15);
        Assert.Equal(0.5, Metrics.Nrmse([0, 2], [0.5, 1.5]), 1e-15);
        Assert.Equal(0.25, Metrics.Nmse([0, 2], [0.5, 1.5]), 1e-15); // mean error 0.25, variance 1
        Assert.Throws<ArgumentException>(() => Metrics.Nmse([1, 1], [1, 2]));
        Assert.Equal(0.5, Metrics.Accuracy([1, 2, 3, 4], [1, 0, 3, 0]));
        Assert.Contains("step 1", Assert.Throws<ArgumentException>(() => Metrics.Nmse([1, 2, 3], [1, double.NaN, 3])).Message, StringComparison.Ordinal);
        (double mean, double sd) = Metrics.MeanSd([1, 2, 3, 6]);
        Assert.Equal(3, mean);
        Assert.Equal(Math.Sqrt(14 / 3.0), sd, 1e-15);
        Assert.Equal((5.0, 0.0), Metrics.MeanSd([5]));
    }

    [Fact]
    public void McNemar_counts_the_discordant_items_and_gives_the_exact_binomial_p_value()
    {
        // 12 items: both right on 2, only the first right on 9, only the second on 1. p = 2 (C(10,0) + C(10,1)) / 2^10.
        int[] actual = [.. Enumerable.Repeat(0, 12)];
        int[] first = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        int[] second = [0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0];
        (int onlyFirst, int onlySecond, double p) = Metrics.McNemar(actual, first, second);
        Assert.Equal((9, 1), (onlyFirst, onlySecond));
        Assert.Equal(22.0 / 1024, p, 1e-15);
        Assert.Equal(p, Metrics.McNemar(actual, second, first).PValue, 1e-15);
        Assert.Equal(1, Metrics.McNemar(actual, first, first).PValue);
        Assert.Equal(1, Metrics.McNemar([0, 0], [0, 1], [1, 0]).PValue); // b = c = 1: 2 · 3/4 capped at 1
        Assert.Throws<ArgumentException>(() => Metrics.McNemar(actual, first, second[1..]));
    }
}

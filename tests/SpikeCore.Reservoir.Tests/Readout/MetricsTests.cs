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
    }
}
